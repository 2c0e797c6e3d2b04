// Run as a separate process by the lock test: opens PGlite at PGLITE_DIR the way the app does
// (getDb closes it on SIGTERM) and keeps it open until killed.
import { getDb } from "@/db/client";

getDb()
  .then(() => {
    process.stdout.write("ready\n");
    setInterval(() => {}, 60_000);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
