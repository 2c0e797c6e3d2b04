import { openDatabase } from "./client";
import { databaseTarget } from "./config";

const target = databaseTarget();
openDatabase(target)
  .then(async (handle) => {
    await handle.close();
    console.log(`Migrations applied to ${target.kind === "postgres" ? "PostgreSQL" : `PGlite at ${target.dir}`}.`);
  })
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
