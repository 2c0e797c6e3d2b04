// Serves the built app for the end-to-end suite on its own port and a fresh data folder.
import { rmSync } from "node:fs";
import { spawn } from "node:child_process";
import path from "node:path";

const port = process.argv[2] ?? "3100";
// A copy of the demo workspace for every end-to-end worker after the first.
const demoCopies = process.argv[3] ?? "0";
const dataDir = path.resolve(".data/e2e");
rmSync(dataDir, { recursive: true, force: true });

const child = spawn(
  process.execPath,
  // Idle connections are kept longer than Node's 5 s: a test's client reusing one just as the
  // server closed it got ECONNRESET (route.fetch in session-switch, with two workers).
  [
    path.resolve("node_modules/next/dist/bin/next"),
    "start",
    "-p",
    port,
    "-H",
    "127.0.0.1",
    "--keepAliveTimeout",
    "65000",
  ],
  {
    stdio: "inherit",
    env: {
      ...process.env,
      NODE_ENV: "production",
      // The embedded executor calls back the app on this port.
      PORT: port,
      // Links in emails (unsubscribe, tracking) point at the address the browser uses.
      APP_URL: `http://127.0.0.1:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
      TEND_DATA_DIR: dataDir,
      PGLITE_DIR: path.join(dataDir, "pglite"),
      DATABASE_URL: "",
      TEND_DEMO: "1",
      TEND_DEMO_COPIES: demoCopies,
    },
  },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
