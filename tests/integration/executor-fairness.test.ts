import { randomUUID } from "node:crypto";
import { and, count, eq, isNotNull } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { executorEvents } from "@/db/schema";
import { clockNow } from "@/inngest/local/clock";
import { storeEvents } from "@/inngest/local/ingest";
import { startHarness, testClient, type Harness } from "../executor/harness";
import { setupTestDb } from "./helpers";

// Issue 15: work is fair. When a burst of events arrives together, the run the first event
// started takes its first step while the rest of the burst is still being matched, instead of
// after every other event of the burst (the executor once matched all pending events before it
// claimed a single run). Asserted on counters, not time: the first run's step reads how many
// events of the burst had been matched when it ran.

const getDb = setupTestDb();
const BURST = 1_000;
const BATCH = 20;
let h: Harness | undefined;

afterAll(async () => {
  await h?.close();
});

async function matchedEvents(env: string): Promise<number> {
  const [row] = await getDb()
    .select({ n: count() })
    .from(executorEvents)
    .where(and(eq(executorEvents.env, env), isNotNull(executorEvents.processedAt)));
  return row!.n;
}

describe("a burst of events", () => {
  it("the first event's run takes its first step before the last event is matched", async () => {
    const env = `burst-${randomUUID()}`;
    const made = testClient();
    let matchedAtFirstStep: number | null = null;
    const fn = made.client.createFunction(
      { id: "burst-hit", triggers: [{ event: "burst/hit" }] },
      async ({ event, step }) =>
        step.run("first", async () => {
          const seen = await matchedEvents(env);
          if (event.data.i === 0) matchedAtFirstStep = seen;
          return seen;
        }),
    );
    // The whole burst is stored before the executor starts: it finds all of it pending at once.
    await storeEvents(
      getDb(),
      env,
      Array.from({ length: BURST }, (_, i) => ({ id: `${env}-${i}`, name: "burst/hit", data: { i }, ts: i })),
      clockNow(),
    );
    h = await startHarness(getDb(), made, [fn], { env, eventBatch: BATCH, maxInFlight: 2 * BATCH });
    const deadline = Date.now() + 60_000;
    while (matchedAtFirstStep === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(matchedAtFirstStep).not.toBeNull();
    expect(matchedAtFirstStep!).toBeGreaterThanOrEqual(BATCH);
    expect(matchedAtFirstStep!).toBeLessThan(BURST);
  });
});
