import { randomUUID } from "node:crypto";
import { and, desc, eq, gt, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { insertRows } from "@/db/insert-rows";
import { executorEvents, executorRuns, executorWaits } from "@/db/schema";
import { concurrencyOf, maxAttemptsOf, type FnConfig } from "./config";
import { parseDuration } from "./duration";
import { keyOf } from "./expression";
import { FUNCTION_FAILED, type InngestEvent, type SerializedError, type TenantOf } from "./types";

const DAY = 86_400_000;
export const ACTIVE = ["queued", "running", "sleeping", "waiting"] as const;

/** Starts a run of fn for event, honouring idempotency (24 h) and throttle. Returns its id, or null when skipped. */
export async function createRun(
  tx: DbOrTx,
  env: string,
  fn: FnConfig,
  event: InngestEvent,
  now: Date,
  tenantOf?: TenantOf,
): Promise<string | null> {
  let idempotencyKey: string | null = null;
  if (fn.idempotency) {
    idempotencyKey = keyOf(fn.idempotency, event);
    const [dup] = await tx
      .select({ id: executorRuns.id })
      .from(executorRuns)
      .where(
        and(
          eq(executorRuns.functionId, fn.id),
          eq(executorRuns.idempotencyKey, idempotencyKey),
          gt(executorRuns.createdAt, new Date(now.getTime() - DAY)),
        ),
      )
      .limit(1);
    if (dup) return null;
  }
  let dueAt = now;
  let throttleKey: string | null = null;
  if (fn.throttle) {
    throttleKey = fn.throttle.key ? keyOf(fn.throttle.key, event) : "";
    const period = parseDuration(fn.throttle.period)!;
    // At most `limit` starts in any window of `period`: start no sooner than the limit-th latest start + period.
    const start = await throttleStart(tx, fn.id, throttleKey, fn.throttle.limit);
    if (start && start.getTime() + period > now.getTime()) dueAt = new Date(start.getTime() + period);
  }
  const id = randomUUID();
  await insertRuns(tx, env, [{ id, fn, event, dueAt, throttleKey, idempotencyKey }], now, tenantOf);
  return id;
}

/**
 * Starts one run per (fn, event) in two statements; only for functions without idempotency or
 * throttle (they read earlier runs). A function with batchEvents gets one run per batch: the
 * events handed over together (one pass of the event loop), at most maxSize each and of one
 * organisation each (a run belongs to one). A batch never waits for more events: its timeout is
 * an upper bound that starting at once keeps, and a lone event is not held back by it.
 */
export async function createRuns(
  tx: DbOrTx,
  env: string,
  starts: { fn: FnConfig; event: InngestEvent }[],
  now: Date,
  tenantOf?: TenantOf,
): Promise<string[]> {
  const newRun = (fn: FnConfig, event: InngestEvent, events: InngestEvent[] | null): NewRun => ({
    id: randomUUID(),
    fn,
    event,
    events,
    dueAt: now,
    throttleKey: null,
    idempotencyKey: null,
  });
  const rows: NewRun[] = [];
  const batches = new Map<string, NewRun>();
  for (const { fn, event } of starts) {
    if (!fn.batchEvents) {
      rows.push(newRun(fn, event, null));
      continue;
    }
    const key = `${fn.id}\u0000${tenantOf?.(event) ?? ""}`;
    const open = batches.get(key);
    if (open && open.events!.length < fn.batchEvents.maxSize) open.events!.push(event);
    else {
      const run = newRun(fn, event, [event]);
      batches.set(key, run);
      rows.push(run);
    }
  }
  for (let i = 0; i < rows.length; i += 500) await insertRuns(tx, env, rows.slice(i, i + 500), now, tenantOf);
  return rows.map((r) => r.id);
}

type NewRun = {
  id: string;
  fn: FnConfig;
  event: InngestEvent;
  events?: InngestEvent[] | null;
  dueAt: Date;
  throttleKey: string | null;
  idempotencyKey: string | null;
};

async function insertRuns(tx: DbOrTx, env: string, runs: NewRun[], now: Date, tenantOf?: TenantOf) {
  if (!runs.length) return;
  // One per started run (a burst starts thousands): one jsonb parameter, not the query builder.
  await insertRows(
    tx,
    executorRuns,
    runs.map(({ id, fn, event, events, dueAt, throttleKey, idempotencyKey }) => {
      const conc = concurrencyOf(fn);
      return {
        id,
        env,
        functionId: fn.id,
        orgId: tenantOf?.(event) ?? null,
        eventId: event.id,
        event,
        events: events ?? null,
        maxAttempts: maxAttemptsOf(fn),
        concurrencyKey: conc ? (conc.key ? keyOf(conc.key, event) : "") : null,
        throttleKey,
        idempotencyKey,
        dueAt,
        createdAt: now,
      };
    }),
  );
  const waits = runs.flatMap(({ id, fn }) =>
    (fn.cancel ?? []).map((c) => ({
      runId: id,
      kind: "cancel" as const,
      event: c.event,
      expression: c.if ?? null,
      expiresAt: c.timeout ? new Date(now.getTime() + parseDuration(c.timeout)!) : null,
      createdAt: now,
    })),
  );
  await insertRows(tx, executorWaits, waits);
}

/** The start time of the limit-th most recent run for this throttle key. */
async function throttleStart(tx: DbOrTx, functionId: string, throttleKey: string, limit: number): Promise<Date | null> {
  const rows = await tx
    .select({ dueAt: executorRuns.dueAt, startedAt: executorRuns.startedAt, createdAt: executorRuns.createdAt })
    .from(executorRuns)
    .where(and(eq(executorRuns.functionId, functionId), eq(executorRuns.throttleKey, throttleKey)))
    .orderBy(desc(sql`coalesce(${executorRuns.startedAt}, ${executorRuns.dueAt}, ${executorRuns.createdAt})`))
    .limit(limit);
  if (rows.length < limit) return null;
  const r = rows[limit - 1]!;
  return r.startedAt ?? r.dueAt ?? r.createdAt;
}

/** Ends an active run as cancelled. Returns false when it had already ended. */
export async function cancelRun(tx: DbOrTx, runId: string, now: Date): Promise<boolean> {
  const ended = await tx
    .update(executorRuns)
    .set({ status: "cancelled", dueAt: null, leaseUntil: null, planned: [], waitingFor: null, endedAt: now })
    .where(and(eq(executorRuns.id, runId), inArray(executorRuns.status, [...ACTIVE])))
    .returning({ id: executorRuns.id });
  if (ended.length) await tx.delete(executorWaits).where(eq(executorWaits.runId, runId));
  return ended.length > 0;
}

/** Marks a run failed and announces inngest/function.failed (which onFailure handlers listen to). */
export async function failRun(
  tx: DbOrTx,
  run: { id: string; env: string; functionId: string; event: Record<string, unknown> },
  error: SerializedError,
  now: Date,
) {
  await tx
    .update(executorRuns)
    .set({ status: "failed", error, dueAt: null, leaseUntil: null, planned: [], waitingFor: null, endedAt: now })
    .where(eq(executorRuns.id, run.id));
  await tx.delete(executorWaits).where(eq(executorWaits.runId, run.id));
  if (run.event.name === FUNCTION_FAILED) return;
  await tx
    .insert(executorEvents)
    .values({
      id: `failed-${run.id}`,
      env: run.env,
      name: FUNCTION_FAILED,
      data: {
        function_id: run.functionId,
        run_id: run.id,
        error: { name: error.name ?? "Error", message: error.message ?? "" },
        event: run.event,
      },
      ts: now.getTime(),
      receivedAt: now,
    })
    .onConflictDoNothing();
}
