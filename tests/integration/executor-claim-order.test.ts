import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { executorRuns } from "@/db/schema";
import { claimRuns } from "@/inngest/local/claim";
import type { FnConfig } from "@/inngest/local/config";
import { setupTestDb } from "./helpers";

const db = setupTestDb();

/** A backlog of ready runs (due earlier) and one run whose sleep just ended. */
async function seedBacklog(env: string, now: Date) {
  const base = { env, functionId: "app-fn", eventId: "e", event: {}, maxAttempts: 4, createdAt: now };
  await db()
    .insert(executorRuns)
    .values(
      Array.from({ length: 5 }, (_, i) => ({
        ...base,
        status: "running" as const,
        dueAt: new Date(now.getTime() - 10_000 + i),
      })),
    );
  const [sleeper] = await db()
    .insert(executorRuns)
    .values({
      ...base,
      status: "sleeping",
      dueAt: new Date(now.getTime() - 1_000),
      waitingFor: { kind: "sleep" as const, until: new Date(now.getTime() - 1_000).toISOString() },
    })
    .returning({ id: executorRuns.id });
  return sleeper!.id;
}

describe("claiming due runs", () => {
  it("takes a run whose sleep ended before ready runs that have waited longer", async () => {
    const env = `claim-${randomUUID()}`;
    const now = new Date();
    const sleeperId = await seedBacklog(env, now);
    const { claimed } = await claimRuns(db(), env, new Map(), 1, now, now);
    expect(claimed.map((r) => r.id)).toEqual([sleeperId]);
  });

  it("fills the rest of the room with ready runs, oldest first, and leases them", async () => {
    const env = `claim-${randomUUID()}`;
    const now = new Date();
    const sleeperId = await seedBacklog(env, now);
    const { claimed } = await claimRuns(db(), env, new Map(), 3, now, now);
    expect(claimed[0]!.id).toBe(sleeperId);
    // RETURNING does not keep the picking order: compare as a set.
    expect(
      claimed
        .slice(1)
        .map((r) => r.dueAt!.getTime())
        .sort(),
    ).toEqual([now.getTime() - 10_000, now.getTime() - 9_999]);
    expect(claimed.every((r) => r.leaseUntil && r.leaseUntil > now)).toBe(true);
  });

  it("orders the same way when a function has a concurrency limit", async () => {
    const env = `claim-${randomUUID()}`;
    const now = new Date();
    const sleeperId = await seedBacklog(env, now);
    const fn: FnConfig = { id: "app-fn", triggers: [], steps: {}, concurrency: { limit: 10 } };
    const fns = new Map([["app-fn", fn]]);
    const { claimed } = await claimRuns(db(), env, fns, 1, now, now);
    expect(claimed.map((r) => r.id)).toEqual([sleeperId]);
  });
});
