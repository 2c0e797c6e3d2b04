// `npm start`: build when the sources changed, then serve Tend (embedded defaults unless configured).
import { spawn } from "node:child_process";
import path from "node:path";
import { buildIfStale } from "./build-if-stale.mjs";
import { withServerNodeOptions } from "./server-node-options.mjs";

buildIfStale();

const port = process.env.PORT ?? "3000";
const child = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", port], {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_OPTIONS: withServerNodeOptions(),
  },
});
// Forward stops so the database closes cleanly and the PGlite lock is released.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
