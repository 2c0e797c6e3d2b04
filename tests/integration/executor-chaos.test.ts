import { describe, expect, it } from "vitest";
import { runChaos } from "../executor/chaos";
import { usingPostgres } from "./helpers";

// Issue 13 §2d at CI size (npm run bench:chaos is the larger one): the server process is killed
// with SIGKILL at 30 random moments of a busy workload and started again. Every run must finish,
// none may fail, and no email may reach the provider twice. No time is asserted: a loaded machine
// only makes it slower. A server or provider process that dies by itself fails the test at once.
describe("chaos: the server killed at random moments of a busy workload", () => {
  it("finishes every run and sends no email twice", { timeout: 15 * 60_000 }, async () => {
    const result = await runChaos({
      kills: 30,
      contacts: 24,
      databaseUrl: usingPostgres ? process.env.DATABASE_URL : undefined,
      // PostgreSQL keeps a killed instance's leases until they run out: short here.
      leaseMs: usingPostgres ? 10_000 : 120_000,
      killGapMs: [300, 1_500],
      drainMs: 10 * 60_000,
    });
    expect(result.kills).toBe(30);
    // 24 payment rescues, their run handlers, segment refreshes, a campaign and the sweep's crons.
    expect(result.runs).toBeGreaterThan(48);
    expect(result.sends).toBeGreaterThan(0);
    expect(result.unfinished).toBe(0);
    expect(result.failed).toBe(0);
    expect(result.duplicate_sends).toBe(0);
    // The campaign frozen among the kills: every customer not held out got it, once (above).
    expect(result).toMatchObject({ campaign_status: "sent", campaign_recipients: 24, campaign_holdout: 2 });
    expect(result.campaign_sent).toBe(22);
  });
});
