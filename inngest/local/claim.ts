import { and, asc, eq, gt, inArray, isNotNull, lte, ne, or, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executorRuns, executorSteps, executorWaits } from "@/db/schema";
import { concurrencyOf, type FnConfig } from "./config";
import { resumeWait } from "./process-events";

export const LEASE_MS = 120_000;
type RunRow = typeof executorRuns.$inferSelect;

/**
 * Claims up to `limit` due runs for this instance (FOR UPDATE SKIP LOCKED, then a wall-clock
 * lease), honouring each function's concurrency limit per key.
 */
export async function claimRuns(db: Db, env: string, fns: Map<string, FnConfig>, limit: number, now: Date, wallNow: Date): Promise<{ claimed: RunRow[]; blocked: number }> {
  const dueWhere = and(eq(executorRuns.env, env), isNotNull(executorRuns.dueAt), lte(executorRuns.dueAt, now), or(isNull(executorRuns.leaseUntil), lte(executorRuns.leaseUntil, wallNow)));
  if (![...fns.values()].some((fn) => concurrencyOf(fn))) {
    // No concurrency limits to weigh: claim in one statement.
    const picked = db.select({ id: executorRuns.id }).from(executorRuns).where(dueWhere).orderBy(asc(executorRuns.dueAt)).limit(limit).for("update", { skipLocked: true });
    const claimed = await db
      .update(executorRuns)
      .set({ leaseUntil: new Date(wallNow.getTime() + LEASE_MS), status: "running" })
      .where(inArray(executorRuns.id, picked))
      .returning();
    return { claimed, blocked: 0 };
  }
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(executorRuns)
      .where(and(eq(executorRuns.env, env), isNotNull(executorRuns.dueAt), lte(executorRuns.dueAt, now), or(isNull(executorRuns.leaseUntil), lte(executorRuns.leaseUntil, wallNow))))
      .orderBy(asc(executorRuns.dueAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    const claimed: RunRow[] = [];
    let blocked = 0;
    const taken = new Map<string, number>();
    for (const run of due) {
      const conc = fns.get(run.functionId) ? concurrencyOf(fns.get(run.functionId)!) : undefined;
      if (conc && conc.limit > 0) {
        const slot = `${run.functionId}|${run.concurrencyKey ?? ""}`;
        await tx.execute(sql`select 1 as locked from pg_advisory_xact_lock(hashtext(${slot}::text))`);
        const [{ busy }] = (await tx
          .select({ busy: sql<number>`count(*)::int` })
          .from(executorRuns)
          .where(and(eq(executorRuns.functionId, run.functionId), eq(executorRuns.concurrencyKey, run.concurrencyKey ?? ""), gt(executorRuns.leaseUntil, wallNow), ne(executorRuns.id, run.id)))) as [{ busy: number }];
        const mine = taken.get(slot) ?? 0;
        if (busy + mine >= conc.limit) {
          blocked++;
          continue;
        }
        taken.set(slot, mine + 1);
      }
      claimed.push(run);
    }
    if (claimed.length) {
      await tx
        .update(executorRuns)
        .set({ leaseUntil: new Date(wallNow.getTime() + LEASE_MS), status: "running" })
        .where(inArray(executorRuns.id, claimed.map((r) => r.id)));
    }
    return { claimed, blocked };
  });
}

/** Before a call: wake a finished sleep, time out an expired wait. Returns the memoized steps. */
export async function prepareCall(db: Db, run: RunRow, now: Date) {
  if (run.waitingFor?.kind === "sleep" && new Date(run.waitingFor.until) <= now) {
    await db.transaction(async (tx) => {
      const woke = await tx
        .update(executorSteps)
        .set({ status: "completed", output: null, endedAt: now })
        .where(and(eq(executorSteps.runId, run.id), eq(executorSteps.status, "sleeping")))
        .returning({ stepId: executorSteps.stepId });
      const stack = [...run.stack, ...woke.map((w) => w.stepId).filter((id) => !run.stack.includes(id))];
      await tx.update(executorRuns).set({ stack, waitingFor: null }).where(eq(executorRuns.id, run.id));
      run.stack = stack;
    });
  }
  if (run.waitingFor?.kind === "event") {
    const expired = await db
      .select()
      .from(executorWaits)
      .where(and(eq(executorWaits.runId, run.id), eq(executorWaits.kind, "step"), lte(executorWaits.expiresAt, now)));
    for (const w of expired) {
      await db.transaction((tx) => resumeWait(tx, w.id, run.id, w.stepId!, null, now));
    }
    const [fresh] = await db.select({ stack: executorRuns.stack, status: executorRuns.status }).from(executorRuns).where(eq(executorRuns.id, run.id));
    run.stack = fresh!.stack;
  }
  const rows = await db.select().from(executorSteps).where(eq(executorSteps.runId, run.id));
  const steps: Record<string, { type: "data"; data: unknown } | { type: "error"; error: unknown }> = {};
  for (const s of rows) {
    if (s.status === "completed") steps[s.stepId] = { type: "data", data: s.output };
    else if (s.status === "failed") steps[s.stepId] = { type: "error", error: s.error };
  }
  return { steps, stack: run.stack.filter((id) => id in steps) };
}
