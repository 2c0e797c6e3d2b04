import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
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

  it("takes a ready run created earlier before newer runs that fell due before it (issue 15)", async () => {
    const env = `claim-${randomUUID()}`;
    const now = new Date();
    const base = { env, functionId: "app-fn", eventId: "e", event: {}, maxAttempts: 4, status: "queued" as const };
    // A burst: the first customer's run has just finished a step (due now); runs created after
    // it have been due for a while, waiting for their first step.
    const [first] = await db()
      .insert(executorRuns)
      .values({ ...base, status: "running", createdAt: new Date(now.getTime() - 60_000), dueAt: now })
      .returning({ id: executorRuns.id });
    await db()
      .insert(executorRuns)
      .values(
        Array.from({ length: 5 }, (_, i) => ({
          ...base,
          createdAt: new Date(now.getTime() - 30_000 + i),
          dueAt: new Date(now.getTime() - 30_000 + i),
        })),
      );
    for (const fns of [
      new Map<string, FnConfig>(),
      new Map([["app-fn", { id: "app-fn", triggers: [], steps: {}, concurrency: { limit: 10 } } as FnConfig]]),
    ]) {
      const { claimed } = await claimRuns(db(), env, fns, 1, now, now);
      expect(claimed.map((r) => r.id)).toEqual([first!.id]);
      await db().update(executorRuns).set({ leaseUntil: null }).where(eq(executorRuns.id, first!.id));
    }
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

describe("claiming with concurrency limits (no head-of-line blocking)", () => {
  it("runs whose slot is full never fill the window: another key and another function are claimed", async () => {
    const env = `claim-${randomUUID()}`;
    const now = new Date();
    const base = { env, eventId: "e", event: {}, maxAttempts: 4, createdAt: now, status: "queued" as const };
    const limited: FnConfig = { id: "app-limited", triggers: [], steps: {}, concurrency: { limit: 1, key: "x" } };
    const other: FnConfig = { id: "app-other", triggers: [], steps: {} };
    const fns = new Map([
      [limited.id, limited],
      [other.id, other],
    ]);
    // Slot "a" is held by a run in flight (a live lease); ten more of its runs are due first.
    await db()
      .insert(executorRuns)
      .values({
        ...base,
        functionId: limited.id,
        concurrencyKey: "a",
        status: "running",
        dueAt: new Date(now.getTime() - 60_000),
        leaseUntil: new Date(now.getTime() + 60_000),
      });
    await db()
      .insert(executorRuns)
      .values(
        Array.from({ length: 10 }, (_, i) => ({
          ...base,
          functionId: limited.id,
          concurrencyKey: "a",
          dueAt: new Date(now.getTime() - 30_000 + i),
        })),
      );
    // Slot "b" is free and has two due runs: only one may start.
    await db()
      .insert(executorRuns)
      .values(
        [0, 1].map((i) => ({
          ...base,
          functionId: limited.id,
          concurrencyKey: "b",
          dueAt: new Date(now.getTime() - 20_000 + i),
        })),
      );
    const [free] = await db()
      .insert(executorRuns)
      .values({ ...base, functionId: other.id, dueAt: new Date(now.getTime() - 1_000) })
      .returning({ id: executorRuns.id });

    const { claimed, blocked } = await claimRuns(db(), env, fns, 3, now, now);
    expect(claimed.map((r) => `${r.functionId}|${r.concurrencyKey ?? ""}`).sort()).toEqual([
      "app-limited|b",
      "app-other|",
    ]);
    expect(claimed.some((r) => r.id === free!.id)).toBe(true);
    expect(blocked).toBeGreaterThan(0);

    // The next claim finds nothing runnable (both slots full) and says runs are waiting.
    const again = await claimRuns(db(), env, fns, 3, now, now);
    expect(again.claimed).toEqual([]);
    expect(again.blocked).toBeGreaterThan(0);
  });
});
