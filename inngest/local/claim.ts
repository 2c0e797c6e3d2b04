import { and, asc, eq, gt, inArray, isNotNull, lte, ne, or, isNull, sql } from "drizzle-orm";
import { uuidArray } from "@/db/uuid-array";
import type { Db, DbOrTx } from "@/db/client";
import { preparedPerDb } from "@/db/prepared";
import { executorRuns, executorSteps, executorWaits } from "@/db/schema";
import { concurrencyOf, type FnConfig } from "./config";
import { resumeWait } from "./process-events";

/** How long a claimed run is this instance's; renewed while its call lasts. A killed instance's runs are free again after it. */
export const LEASE_MS = 120_000;
type RunRow = typeof executorRuns.$inferSelect;

/**
 * Claims up to `limit` due runs for this instance (FOR UPDATE SKIP LOCKED, then a wall-clock
 * lease), honouring each function's concurrency limit per key.
 *
 * Runs whose timer fired (a sleep ended, a wait timed out, a retry's backoff passed) are taken
 * before runs that are merely ready for their next step: their due time is a promise made to
 * the function ("sleep 1 s"), while a ready run that waits a little longer breaks none. Without
 * this, a burst of new runs makes every sleeper late by the time the whole burst takes.
 *
 * Ready runs are taken oldest run first, not longest due first: a run that just finished a step
 * goes on before runs created after it start. Ordered by due time, every step of a burst of runs
 * went to the back of the queue, so each run's next step waited for the same step of every other
 * run, and the first customer's email waited for the last customer's (issue 15).
 */
export async function claimRuns(
  db: Db,
  env: string,
  fns: Map<string, FnConfig>,
  limit: number,
  now: Date,
  wallNow: Date,
  leaseMs = LEASE_MS,
): Promise<{ claimed: RunRow[]; blocked: number }> {
  if (![...fns.values()].some((fn) => concurrencyOf(fn))) {
    // No concurrency limits to weigh: each class is claimed in one statement.
    const claimed: RunRow[] = [];
    for (const timers of [true, false]) {
      const room = limit - claimed.length;
      if (room <= 0) break;
      claimed.push(
        ...(await (timers ? claimTimers : claimReady)(db).execute({
          env,
          now: now.toISOString(),
          wallNow: wallNow.toISOString(),
          room,
          leaseUntil: new Date(wallNow.getTime() + leaseMs).toISOString(),
        })),
      );
    }
    return { claimed, blocked: 0 };
  }
  return db.transaction(async (tx) => {
    const limits = new Map<string, number>();
    for (const fn of fns.values()) {
      const conc = concurrencyOf(fn);
      if (conc && conc.limit > 0) limits.set(fn.id, conc.limit);
    }
    // Slots already full, from live leases (few rows: a lease is held only while a call lasts).
    // Their runs are left out of the claim window, so that runs which cannot start never crowd
    // out runs that can (head-of-line blocking, issue 13 §2c).
    const full = new Map<string, [string, string]>();
    if (limits.size) {
      const leased = await tx
        .select({ fn: executorRuns.functionId, key: executorRuns.concurrencyKey, n: sql<number>`count(*)::int` })
        .from(executorRuns)
        .where(
          and(
            isNotNull(executorRuns.leaseUntil),
            gt(executorRuns.leaseUntil, wallNow),
            inArray(executorRuns.functionId, [...limits.keys()]),
          ),
        )
        .groupBy(executorRuns.functionId, executorRuns.concurrencyKey);
      for (const r of leased) if (r.n >= limits.get(r.fn)!) full.set(slotOf(r.fn, r.key), [r.fn, r.key ?? ""]);
    }
    const claimed: RunRow[] = [];
    const seen: string[] = [];
    let blocked = 0;
    const taken = new Map<string, number>();
    for (const timers of [true, false]) {
      for (;;) {
        const room = limit - claimed.length;
        if (room <= 0) break;
        const due = await tx
          .select()
          .from(executorRuns)
          .where(
            and(
              dueWhere(env, now, wallNow, timers),
              notInSlots(full),
              seen.length ? sql`not (${executorRuns.id} = any(${uuidArray(seen)}))` : undefined,
            ),
          )
          .orderBy(...claimOrder(timers))
          .limit(room)
          .for("update", { skipLocked: true });
        let filled = false;
        for (const run of due) {
          seen.push(run.id);
          const max = limits.get(run.functionId);
          if (max) {
            const slot = slotOf(run.functionId, run.concurrencyKey);
            if (full.has(slot)) {
              blocked++;
              continue;
            }
            // Two instances claiming at once: the slot's lock makes them count one after the other.
            await tx.execute(sql`select 1 as locked from pg_advisory_xact_lock(hashtext(${slot}::text))`);
            const [{ busy }] = (await tx
              .select({ busy: sql<number>`count(*)::int` })
              .from(executorRuns)
              .where(
                and(
                  eq(executorRuns.functionId, run.functionId),
                  eq(executorRuns.concurrencyKey, run.concurrencyKey ?? ""),
                  isNotNull(executorRuns.leaseUntil),
                  gt(executorRuns.leaseUntil, wallNow),
                  ne(executorRuns.id, run.id),
                ),
              )) as [{ busy: number }];
            const mine = taken.get(slot) ?? 0;
            if (busy + mine >= max) {
              full.set(slot, [run.functionId, run.concurrencyKey ?? ""]);
              filled = true;
              blocked++;
              continue;
            }
            taken.set(slot, mine + 1);
            if (busy + mine + 1 >= max) {
              full.set(slot, [run.functionId, run.concurrencyKey ?? ""]);
              filled = true;
            }
          }
          claimed.push(run);
        }
        // The window was cut short by runs of a slot that filled up meanwhile: look again past them.
        if (due.length < room || !filled) break;
      }
    }
    if (claimed.length) {
      await tx
        .update(executorRuns)
        .set({ leaseUntil: new Date(wallNow.getTime() + leaseMs), status: "running" })
        .where(sql`${executorRuns.id} = any(${uuidArray(claimed.map((r) => r.id))})`);
    }
    // Runs left out because their slot is full still wait: the executor is not idle.
    if (!blocked && full.size) {
      const [waiting] = await tx
        .select({ id: executorRuns.id })
        .from(executorRuns)
        .where(
          and(
            eq(executorRuns.env, env),
            isNotNull(executorRuns.dueAt),
            lte(executorRuns.dueAt, now),
            or(isNull(executorRuns.leaseUntil), lte(executorRuns.leaseUntil, wallNow)),
            inSlots(full),
          ),
        )
        .limit(1);
      if (waiting) blocked++;
    }
    return { claimed, blocked };
  });
}

const slotOf = (functionId: string, key: string | null) => `${functionId}|${key ?? ""}`;

/** Runs of none of these (function, concurrency key) slots. */
function notInSlots(slots: Map<string, [string, string]>) {
  if (!slots.size) return undefined;
  return sql`not ${inSlots(slots)}`;
}

function inSlots(slots: Map<string, [string, string]>) {
  return sql`exists (select 1 from jsonb_array_elements(${JSON.stringify([...slots.values()])}::jsonb) as s(slot)
    where s.slot->>0 = ${executorRuns.functionId} and s.slot->>1 = coalesce(${executorRuns.concurrencyKey}, ''))`;
}

// The executor claims after every call: built once per handle, with the class as the only variation.
const claimQuery = (db: DbOrTx, timers: boolean, name: string) =>
  db
    .update(executorRuns)
    .set({ leaseUntil: sql`${sql.placeholder("leaseUntil")}::timestamptz`, status: "running" })
    .where(
      inArray(
        executorRuns.id,
        db
          .select({ id: executorRuns.id })
          .from(executorRuns)
          .where(
            dueWhere(
              sql.placeholder("env") as unknown as string,
              sql.placeholder("now") as unknown as Date,
              sql.placeholder("wallNow") as unknown as Date,
              timers,
            ),
          )
          .orderBy(...claimOrder(timers))
          .limit(sql.placeholder("room"))
          .for("update", { skipLocked: true }),
      ),
    )
    .returning()
    .prepare(name);
const claimTimers = preparedPerDb((db) => claimQuery(db, true, "executor_claim_timers"));

/**
 * Ready runs, oldest run first within each function, the functions taking turns: the runs a
 * burst's event handlers start (a second function) get their share of the room at once instead
 * of after every handler of the burst. A window function cannot lock rows, so the update checks
 * again that each run is still due and free: a run another instance took meanwhile is left out.
 */
const claimReady = preparedPerDb((db) => {
  const due = () =>
    dueWhere(
      sql.placeholder("env") as unknown as string,
      sql.placeholder("now") as unknown as Date,
      sql.placeholder("wallNow") as unknown as Date,
      false,
    );
  const ranked = db
    .select({
      id: executorRuns.id,
      createdAt: executorRuns.createdAt,
      turn: sql<number>`row_number() over (partition by ${executorRuns.functionId} order by ${executorRuns.createdAt}, ${executorRuns.dueAt})`.as(
        "turn",
      ),
    })
    .from(executorRuns)
    .where(due())
    .as("ranked");
  return db
    .update(executorRuns)
    .set({ leaseUntil: sql`${sql.placeholder("leaseUntil")}::timestamptz`, status: "running" })
    .where(
      and(
        inArray(
          executorRuns.id,
          db
            .select({ id: ranked.id })
            .from(ranked)
            .orderBy(asc(ranked.turn), asc(ranked.createdAt))
            .limit(sql.placeholder("room")),
        ),
        due(),
      ),
    )
    .returning()
    .prepare("executor_claim_ready_fair");
});

/** Timers in the order they fell due; ready runs in the order they were created (see claimRuns). */
function claimOrder(timers: boolean) {
  return timers ? [asc(executorRuns.dueAt)] : [asc(executorRuns.createdAt), asc(executorRuns.dueAt)];
}

/** Due, unleased runs of this environment: those woken by a timer (`waiting_for` set) or the rest. */
function dueWhere(env: string, now: Date, wallNow: Date, timers: boolean) {
  return and(
    eq(executorRuns.env, env),
    isNotNull(executorRuns.dueAt),
    lte(executorRuns.dueAt, now),
    or(isNull(executorRuns.leaseUntil), lte(executorRuns.leaseUntil, wallNow)),
    timers ? isNotNull(executorRuns.waitingFor) : isNull(executorRuns.waitingFor),
  );
}

// Read before every call after a run's first: built once.
const stepsOfRun = preparedPerDb((db) =>
  db
    .select()
    .from(executorSteps)
    .where(eq(executorSteps.runId, sql.placeholder("runId")))
    .prepare("executor_steps_of_run"),
);

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
    const [fresh] = await db
      .select({ stack: executorRuns.stack, status: executorRuns.status })
      .from(executorRuns)
      .where(eq(executorRuns.id, run.id));
    run.stack = fresh!.stack;
  }
  // Step rows are written only with a result, in the statement that sets started_at: a run that
  // was never started has none to read (a crashed first call leaves none either; rows an older
  // version left are adopted by repairRuns at start).
  const rows = run.startedAt ? await stepsOfRun(db).execute({ runId: run.id }) : [];
  const steps: Record<string, { type: "data"; data: unknown } | { type: "error"; error: unknown }> = {};
  for (const s of rows) {
    if (s.status === "completed") steps[s.stepId] = { type: "data", data: s.output };
    else if (s.status === "failed") steps[s.stepId] = { type: "error", error: s.error };
  }
  // A memoized step the stack does not name (an older version was killed between its two writes)
  // makes the SDK wait forever for it: give it its place, in the order the steps were recorded.
  const missing = rows
    .filter((s) => s.stepId in steps && !run.stack.includes(s.stepId))
    .sort((a, b) => a.position - b.position || a.startedAt.getTime() - b.startedAt.getTime())
    .map((s) => s.stepId);
  if (missing.length) {
    run.stack = [...run.stack, ...missing];
    await db.update(executorRuns).set({ stack: run.stack }).where(eq(executorRuns.id, run.id));
  }
  return { steps, stack: run.stack.filter((id) => id in steps) };
}

/**
 * Repairs what an older version could leave when killed between writing a step's row and the
 * run's row: completed or failed steps the run's stack does not name (their run's next call never
 * answered), and a first call's steps on a run that still reads as never started (they ran
 * again). One statement over this environment's active, unleased runs; returns how many it fixed.
 */
export async function repairRuns(db: Db, env: string, wallNow: Date): Promise<number> {
  const fixed = await db.execute(sql`
    update ${executorRuns} r
    set stack = r.stack || m.ids, started_at = coalesce(r.started_at, m.first)
    from (
      select s.run_id, jsonb_agg(s.step_id order by s.position, s.started_at) as ids, min(s.started_at) as first
      from ${executorSteps} s
      join ${executorRuns} o on o.id = s.run_id
      where o.env = ${env}
        and o.status in ('queued', 'running', 'sleeping', 'waiting')
        and (o.lease_until is null or o.lease_until <= ${wallNow.toISOString()}::timestamptz)
        and s.status in ('completed', 'failed')
        and not (o.stack @> jsonb_build_array(s.step_id))
      group by s.run_id
    ) m
    where r.id = m.run_id
    returning r.id`);
  const rows = fixed as unknown as { rows?: unknown[] } & unknown[];
  return (rows.rows ?? rows).length;
}
