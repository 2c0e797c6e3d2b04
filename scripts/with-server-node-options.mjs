// `node scripts/with-server-node-options.mjs <command> [args…]`: runs the command with the V8
// options the server runs with (server-node-options.mjs), for the benches of its background work.
import { spawn } from "node:child_process";
import { withServerNodeOptions } from "./server-node-options.mjs";

const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, {
  stdio: "inherit",
  env: { ...process.env, NODE_OPTIONS: withServerNodeOptions() },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
// A bench killed by a signal did not finish: it fails.
child.on("exit", (code) => process.exit(code ?? 1));
