// `npm test`: every test — unit and integration (vitest), then end-to-end (Playwright).
import { spawnSync } from "node:child_process";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const steps = [
  ["unit + integration", "npx", ["vitest", "run"]],
  ["end-to-end", process.execPath, ["scripts/e2e.mjs"]],
];

for (const [name, command, args] of steps) {
  console.log(`\n[tend] ${name} tests`);
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`\n[tend] The ${name} tests failed.`);
    process.exit(result.status ?? 1);
  }
}
console.log("\n[tend] All tests passed.");
