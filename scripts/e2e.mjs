// Runs the Playwright suite against a production build (rebuilt when sources changed).
import { spawnSync } from "node:child_process";
import { findBrowser } from "./find-browser.mjs";
import { buildIfStale } from "./build-if-stale.mjs";

const browser = await findBrowser();
if (browser.missing) {
  console.error(browser.reason);
  process.exit(1);
}

if (process.env.E2E_SKIP_BUILD !== "1") buildIfStale();
const result = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
process.exit(result.status ?? 1);
