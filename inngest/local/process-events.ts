import { and, asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { executorEvents, executorRuns, executorSteps, executorWaits } from "@/db/schema";
import { triggerMatches, type FnConfig } from "./config";
import { matches } from "./expression";
import { cancelRun, createRun, createRuns } from "./runs";
import type { InngestEvent, TenantOf } from "./types";

type WaitRow = { wait: typeof executorWaits.$inferSelect; runEvent: Record<string, unknown> };

/**
 * Hands stored events to triggers, waiting steps and cancelOn waiters, in arrival order and in
 * one transaction per batch (an event is matched exactly once, even with several instances).
 * The batch's waits are read in one query and its new runs written in one statement: a burst of
 * events costs a few statements per batch, not per event. Returns how many events it handled.
 */
export async function processPendingEvents(
  db: Db,
  env: string,
  fns: FnConfig[],
  now: Date,
  batch = 500,
  tenantOf?: TenantOf,
): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(executorEvents)
      .where(and(eq(executorEvents.env, env), isNull(executorEvents.processedAt)))
      .orderBy(asc(executorEvents.seq))
      .limit(batch)
      .for("update", { skipLocked: true });
    if (!rows.length) return 0;
    // Only waits that began before an event arrived count (as in Inngest, a wait looks forward), so
    // waits written while this batch is handled (new runs' cancelOn) can never match it.
    const latest = new Date(Math.max(...rows.map((r) => r.receivedAt.getTime())));
    const found = await tx
      .select({ wait: executorWaits, runEvent: executorRuns.event })
      .from(executorWaits)
      .innerJoin(executorRuns, eq(executorRuns.id, executorWaits.runId))
      .where(
        and(
          inArray(executorWaits.event, [...new Set(rows.map((r) => r.name))]),
          eq(executorRuns.env, env),
          sql`(${executorWaits.expiresAt} is null or ${executorWaits.expiresAt} > ${now.toISOString()}::timestamptz)`,
          lte(executorWaits.createdAt, latest),
        ),
      );
    const waitsByName = new Map<string, WaitRow[]>();
    for (const w of found) {
      const list = waitsByName.get(w.wait.event);
      if (list) list.push(w);
      else waitsByName.set(w.wait.event, [w]);
    }
    const starts: { fn: FnConfig; event: InngestEvent }[] = [];
    for (const row of rows) {
      const event: InngestEvent = {
        id: row.id,
        name: row.name,
        data: row.data,
        ts: row.ts,
        ...(row.user ? { user: row.user } : {}),
      };
      await handleEvent(tx, env, fns, event, waitsByName.get(row.name) ?? [], row.receivedAt, now, starts, tenantOf);
    }
    await createRuns(tx, env, starts, now, tenantOf);
    await tx
      .update(executorEvents)
      .set({ processedAt: now })
      .where(
        inArray(
          executorEvents.id,
          rows.map((r) => r.id),
        ),
      );
    return rows.length;
  });
}

async function handleEvent(
  tx: DbOrTx,
  env: string,
  fns: FnConfig[],
  event: InngestEvent,
  waits: WaitRow[],
  receivedAt: Date,
  now: Date,
  starts: { fn: FnConfig; event: InngestEvent }[],
  tenantOf?: TenantOf,
) {
  // Waiters first: a run started by this very event must not be cancelled or resumed by it.
  for (const { wait, runEvent } of waits) {
    if (wait.createdAt > receivedAt) continue;
    let hit = false;
    try {
      hit = matches(wait.expression, { event: runEvent, async: event });
    } catch {
      hit = false;
    }
    if (!hit) continue;
    // An earlier event of the batch may have ended this run or taken this wait: both then do nothing.
    if (wait.kind === "cancel") await cancelRun(tx, wait.runId, now);
    else await resumeWait(tx, wait.id, wait.runId, wait.stepId!, event, now);
  }
  for (const fn of fns) {
    for (const t of fn.triggers) {
      if (!("event" in t) || !triggerMatches(t.event, event.name)) continue;
      let hit = false;
      try {
        hit = matches(t.expression, { event });
      } catch {
        hit = false;
      }
      if (hit) {
        // Idempotency and throttle read the function's earlier runs, so those start one by one.
        if (fn.idempotency || fn.throttle) await createRun(tx, env, fn, event, now, tenantOf);
        else starts.push({ fn, event });
        break;
      }
    }
  }
}

/** A waitForEvent is satisfied: whoever deletes the wait row (event or timeout) decides the outcome. */
export async function resumeWait(
  tx: DbOrTx,
  waitId: string,
  runId: string,
  stepId: string,
  value: InngestEvent | null,
  now: Date,
): Promise<boolean> {
  const gone = await tx.delete(executorWaits).where(eq(executorWaits.id, waitId)).returning({ id: executorWaits.id });
  if (!gone.length) return false;
  await tx
    .update(executorSteps)
    .set({ status: "completed", output: value, endedAt: now })
    .where(and(eq(executorSteps.runId, runId), eq(executorSteps.stepId, stepId)));
  await tx
    .update(executorRuns)
    .set({
      status: "queued",
      dueAt: now,
      waitingFor: null,
      stack: sql`${executorRuns.stack} || ${JSON.stringify([stepId])}::jsonb`,
    })
    .where(and(eq(executorRuns.id, runId), inArray(executorRuns.status, ["waiting", "queued", "running", "sleeping"])));
  return true;
}
