import { and, eq, inArray, sql } from "drizzle-orm";
import { coalescePerDb } from "@/db/coalesce";
import { rowsOf } from "@/db/rows";
import type { Db, DbOrTx } from "@/db/client";
import { executorRuns, executorSteps, executorWaits, type PlannedStep } from "@/db/schema";
import type { CallResult } from "./call";
import { parseDuration, sleepUntil } from "./duration";
import { ACTIVE, failRun } from "./runs";
import { STEP_OUTPUT_LIMIT_BYTES, type SerializedError } from "./types";

type Op = {
  op: string;
  id: string;
  name?: string;
  displayName?: string;
  data?: unknown;
  error?: SerializedError;
  opts?: Record<string, unknown>;
};
type RunRow = typeof executorRuns.$inferSelect;

/** Exponential backoff with jitter: ~5 s, 10 s, 20 s … capped at 1 h, ±25 %. */
export function backoffMs(attempt: number, random = Math.random): number {
  const base = Math.min(5_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(base * (0.75 + random() * 0.5));
}

function retryAt(now: Date, attempt: number, retryAfter: string | null): Date {
  if (retryAfter) {
    const secs = Number(retryAfter);
    if (Number.isFinite(secs)) return new Date(now.getTime() + secs * 1000);
    const date = new Date(retryAfter);
    if (!Number.isNaN(date.getTime())) return date;
  }
  return new Date(now.getTime() + backoffMs(attempt));
}

function asError(body: unknown, fallback: string): SerializedError {
  if (body && typeof body === "object" && !Array.isArray(body)) {
    const b = body as SerializedError;
    if (b.message || b.name)
      return { name: b.name ?? "Error", message: b.message ?? "", ...(b.stack ? { stack: b.stack } : {}) };
  }
  return { name: "Error", message: typeof body === "string" && body ? body.slice(0, 2000) : fallback };
}

type StepValues = Partial<typeof executorSteps.$inferInsert> & { status: typeof executorSteps.$inferInsert.status };

/** Writes a step's row (a retried or resumed step updates the one it has). */
async function upsertStep(
  tx: DbOrTx,
  runId: string,
  op: Op,
  position: number,
  attempt: number,
  now: Date,
  values: StepValues,
) {
  const row = {
    runId,
    stepId: op.id,
    position,
    name: op.displayName ?? op.name ?? null,
    op: op.op,
    startedAt: now,
    attempts: attempt + 1,
    ...values,
  };
  await tx
    .insert(executorSteps)
    .values(row)
    .onConflictDoUpdate({
      target: [executorSteps.runId, executorSteps.stepId],
      set: {
        status: row.status,
        op: row.op,
        output: row.output ?? null,
        error: row.error ?? null,
        attempts: row.attempts,
        endedAt: row.endedAt ?? null,
      },
    });
}

/**
 * Records what one call reported. Ignores the result when the run ended meanwhile (cancelled).
 *
 * `claimed` is the run as this executor leased it: while the lease lasts only a cancel can change
 * its row (a running run waits for no event), so the two commonest answers — steps that ran or a
 * sleep, and the function's return — are written from it with a status-guarded update and no
 * locking read. Every other answer goes through a transaction that locks and re-reads the run.
 */
export async function applyResult(
  db: Db,
  claimed: RunRow,
  planned: PlannedStep | undefined,
  result: CallResult,
  now: Date,
  opts: { hasCancelWaits: boolean } = { hasCancelWaits: true },
): Promise<void> {
  if (await applyCommonResult(db, claimed, planned, result, now, opts.hasCancelWaits)) return;
  await db.transaction(async (tx) => {
    const [run] = await tx.select().from(executorRuns).where(eq(executorRuns.id, claimed.id)).for("update");
    if (!run || !(ACTIVE as readonly string[]).includes(run.status)) return;
    if (result.kind === "network" || result.status !== 206) return applyFinal(tx, run, result, now);
    const ops = Array.isArray(result.body) ? (result.body as Op[]) : [];
    await applyOps(tx, run, ops, planned, result.retryAfter, now);
  });
}

async function applyCommonResult(
  db: Db,
  run: RunRow,
  planned: PlannedStep | undefined,
  result: CallResult,
  now: Date,
  hasCancelWaits: boolean,
): Promise<boolean> {
  if (result.kind !== "response" || planned || run.planned.length) return false;
  const guard = and(eq(executorRuns.id, run.id), inArray(executorRuns.status, [...ACTIVE]));
  if (result.status === 200) {
    if (Buffer.byteLength(JSON.stringify(result.body ?? null)) > STEP_OUTPUT_LIMIT_BYTES) return false;
    const ended = await db
      .update(executorRuns)
      .set({
        status: "completed",
        output: result.body ?? null,
        dueAt: null,
        waitingFor: null,
        endedAt: now,
        leaseUntil: null,
        startedAt: run.startedAt ?? now,
      })
      .where(guard)
      .returning({ id: executorRuns.id });
    // Only cancelOn waits can be left at the end (a step's wait is gone once resumed or timed out).
    if (ended.length && hasCancelWaits) await db.delete(executorWaits).where(eq(executorWaits.runId, run.id));
    return true;
  }
  if (result.status !== 206 || !Array.isArray(result.body)) return false;
  const ops = result.body as Op[];
  const ran =
    ops.length > 0 &&
    ops.every(
      (op) =>
        (op.op === "StepRun" || op.op === "Step") &&
        Buffer.byteLength(JSON.stringify(op.data ?? null)) <= STEP_OUTPUT_LIMIT_BYTES,
    );
  const sleep = ops.length === 1 && ops[0]!.op === "Sleep";
  if (!ran && !sleep) return false;
  const stack = [...run.stack];
  let next: RunMove = { status: "running", dueAt: now, waitingFor: null };
  const rows: StepRow[] = [];
  for (const op of ops) {
    if (rows.some((r) => r.stepId === op.id)) continue;
    const base = {
      stepId: op.id,
      position: stack.length * 100,
      name: op.displayName ?? op.name ?? null,
      op: op.op,
      startedAt: now,
      attempts: run.attempt + 1,
      error: null,
    };
    if (sleep) {
      const wake = sleepUntil(op.name ?? "", now);
      rows.push({ ...base, status: "sleeping", output: null, endedAt: null });
      next = { status: "sleeping", dueAt: wake, waitingFor: { kind: "sleep", until: wake.toISOString() } };
    } else {
      rows.push({ ...base, status: "completed", output: op.data ?? null, endedAt: now });
      if (!stack.includes(op.id)) stack.push(op.id);
    }
  }
  await writeSteps(
    db,
    { id: run.id, attempt: ran ? 0 : run.attempt, stack, startedAt: run.startedAt ?? now },
    rows,
    next,
  );
  return true;
}

type StepRow = Omit<typeof executorSteps.$inferSelect, "runId">;

/** What a call's answer moves the run to; a checkpoint leaves status, timers and lease as they are. */
type RunMove = Pick<RunRow, "status" | "dueAt" | "waitingFor">;

const ACTIVE_LIST = sql.raw(ACTIVE.map((s) => `'${s}'`).join(", "));

type StepWrite = {
  run: { id: string; attempt: number; stack: string[]; startedAt: Date };
  rows: StepRow[];
  move: RunMove | null;
};

/**
 * Step rows and the run's row in ONE statement (a data-modifying CTE): a process killed at any
 * moment leaves either both or neither. Two separate writes once left a completed step missing
 * from the run's stack, and the SDK's next call for that run never answered (issue 13). Written
 * only while the run is active; false when it is not (cancelled meanwhile). The calls answering
 * together share the statement (db/coalesce.ts; one run's writes never share one): a playbook
 * customer's two writes were four in ten of a burst's statements. The runs and steps go as two
 * JSON parameters, so the statement's text never changes (prepared once per connection).
 */
function writeSteps(db: Db, run: StepWrite["run"], rows: StepRow[], move: RunMove | null): Promise<boolean> {
  return stepWriter(db, { run, rows, move });
}

const stepWriter = coalescePerDb(writeStepsTogether, { key: (w) => w.run.id });

async function writeStepsTogether(db: DbOrTx, items: StepWrite[]): Promise<boolean[]> {
  const runs = items.map(({ run, move }) => ({
    id: run.id,
    attempt: run.attempt,
    stack: run.stack,
    started_at: run.startedAt.toISOString(),
    moved: !!move,
    status: move?.status ?? null,
    due_at: move?.dueAt?.toISOString() ?? null,
    waiting_for: move?.waitingFor ?? null,
  }));
  const steps = items.flatMap(({ run, rows }) => rows.map((r) => ({ run_id: run.id, ...stepJson(r) })));
  const result = await db.execute(sql`
    with r as (
      select * from jsonb_to_recordset(${JSON.stringify(runs)}::jsonb) as r(id uuid, attempt int, stack jsonb,
        started_at timestamptz, moved boolean, status text, due_at timestamptz, waiting_for jsonb)
    ), written as (
      insert into executor_steps (run_id, step_id, position, name, op, status, output, error, attempts, started_at, ended_at)
      select s.run_id, s.step_id, s.position, s.name, s.op, s.status::executor_step_status, s.output, s.error,
        s.attempts, s.started_at, s.ended_at
      from jsonb_to_recordset(${JSON.stringify(steps)}::jsonb) as s(run_id uuid, step_id text, position int, name text,
        op text, status text, output jsonb, error jsonb, attempts int, started_at timestamptz, ended_at timestamptz)
      on conflict (run_id, step_id) do update set status = excluded.status, op = excluded.op, output = excluded.output,
        error = excluded.error, attempts = excluded.attempts, ended_at = excluded.ended_at
    )
    update executor_runs e set attempt = r.attempt, stack = r.stack, started_at = r.started_at,
      status = case when r.moved then r.status::executor_run_status else e.status end,
      due_at = case when r.moved then r.due_at else e.due_at end,
      waiting_for = case when r.moved then r.waiting_for else e.waiting_for end,
      planned = case when r.moved then '[]'::jsonb else e.planned end,
      lease_until = case when r.moved then null else e.lease_until end
    from r
    where e.id = r.id and e.status in (${ACTIVE_LIST})
    returning e.id`);
  const written = new Set(rowsOf<{ id: string }>(result).map((x) => x.id));
  return items.map((w) => written.has(w.run.id));
}

const stepJson = (r: StepRow) => ({
  step_id: r.stepId,
  position: r.position,
  name: r.name,
  op: r.op,
  status: r.status,
  output: r.output ?? null,
  error: r.error,
  attempts: r.attempts,
  started_at: r.startedAt.toISOString(),
  ended_at: r.endedAt?.toISOString() ?? null,
});

/**
 * Steps the app checkpointed in the middle of a call (the SDK's async checkpointing): written
 * at once, with the run's stack, as if the call had returned them; the lease stays, since the
 * call goes on. `run` is the row the call was made with and is updated to match, so the call's
 * own answer is applied on top. "ended" when the run is no longer active (cancelled): the SDK
 * stops. "invalid" when the ops are not plain completed steps within the size limit: the SDK
 * then answers with them itself, and they take the usual way (a step too large fails the run).
 */
export async function applyCheckpoint(
  db: Db,
  run: RunRow,
  ops: unknown[],
  now: Date,
): Promise<"ok" | "ended" | "invalid"> {
  const plain = (op: unknown): op is Op =>
    !!op &&
    typeof (op as Op).id === "string" &&
    ((op as Op).op === "StepRun" || (op as Op).op === "Step") &&
    Buffer.byteLength(JSON.stringify((op as Op).data ?? null)) <= STEP_OUTPUT_LIMIT_BYTES;
  if (!ops.length || !ops.every(plain)) return "invalid";
  const stack = [...run.stack];
  const rows: StepRow[] = [];
  for (const op of ops as Op[]) {
    if (rows.some((r) => r.stepId === op.id)) continue;
    rows.push({
      stepId: op.id,
      position: stack.length * 100,
      name: op.displayName ?? op.name ?? null,
      op: op.op,
      status: "completed",
      output: op.data ?? null,
      error: null,
      attempts: run.attempt + 1,
      startedAt: now,
      endedAt: now,
    });
    if (!stack.includes(op.id)) stack.push(op.id);
  }
  const startedAt = run.startedAt ?? now;
  if (!(await writeSteps(db, { id: run.id, attempt: 0, stack, startedAt }, rows, null))) return "ended";
  Object.assign(run, { stack, attempt: 0, startedAt });
  return "ok";
}

async function applyFinal(tx: DbOrTx, run: RunRow, result: CallResult, now: Date) {
  const base = { leaseUntil: null, startedAt: run.startedAt ?? now };
  if (result.kind === "response" && result.status === 200) {
    const size = Buffer.byteLength(JSON.stringify(result.body ?? null));
    if (size > STEP_OUTPUT_LIMIT_BYTES)
      return failRun(
        tx,
        run,
        { name: "OutputTooLarge", message: `the function's return value is ${size} bytes, over the 4 MB limit` },
        now,
      );
    await tx
      .update(executorRuns)
      .set({ ...base, status: "completed", output: result.body ?? null, dueAt: null, waitingFor: null, endedAt: now })
      .where(eq(executorRuns.id, run.id));
    await tx.delete(executorWaits).where(eq(executorWaits.runId, run.id));
    return;
  }
  const error =
    result.kind === "network"
      ? result.timedOut
        ? { name: "TimeoutError", message: result.message }
        : { name: "NetworkError", message: `could not reach the app: ${result.message}` }
      : asError(result.body, `the app answered ${result.status}`);
  const attempt = run.attempt + 1;
  if ((result.kind === "response" && result.noRetry) || attempt >= run.maxAttempts) return failRun(tx, run, error, now);
  const dueAt = retryAt(now, attempt, result.kind === "response" ? result.retryAfter : null);
  await tx
    .update(executorRuns)
    .set({
      ...base,
      status: "queued",
      attempt,
      error,
      dueAt,
      waitingFor: { kind: "retry", until: dueAt.toISOString() },
    })
    .where(eq(executorRuns.id, run.id));
}

async function applyOps(
  tx: DbOrTx,
  run: RunRow,
  ops: Op[],
  current: PlannedStep | undefined,
  retryAfter: string | null,
  now: Date,
) {
  // Display order only: steps memoized so far, then the order within this response.
  let position = run.stack.length * 100;
  let attempt = run.attempt;
  const stack = [...run.stack];
  let planned = run.planned.filter((p) => p.id !== current?.id && !stack.includes(p.id));
  let next: Pick<RunRow, "status" | "dueAt" | "waitingFor"> = { status: "running", dueAt: now, waitingFor: null };
  const upsert = (op: Op, values: StepValues) => upsertStep(tx, run.id, op, position++, attempt, now, values);
  for (const op of ops) {
    switch (op.op) {
      case "StepRun":
      case "Step": {
        const size = Buffer.byteLength(JSON.stringify(op.data ?? null));
        if (size > STEP_OUTPUT_LIMIT_BYTES) {
          await upsert(op, {
            status: "failed",
            error: {
              name: "OutputTooLarge",
              message: `step "${op.displayName ?? op.name}" returned ${size} bytes, over the 4 MB limit for a step's output`,
            },
            endedAt: now,
          });
        } else await upsert(op, { status: "completed", output: op.data ?? null, endedAt: now });
        stack.push(op.id);
        attempt = 0;
        break;
      }
      case "StepFailed":
        await upsert(op, {
          status: "failed",
          error: op.error ?? { name: "Error", message: "step failed" },
          endedAt: now,
        });
        stack.push(op.id);
        attempt = 0;
        break;
      case "StepError": {
        await upsert(op, { status: "errored", error: op.error ?? { name: "Error", message: "step errored" } });
        attempt += 1;
        if (current && !planned.some((p) => p.id === current.id)) planned = [current, ...planned];
        const dueAt = retryAt(now, attempt, retryAfter);
        next = { status: "queued", dueAt, waitingFor: { kind: "retry", until: dueAt.toISOString() } };
        break;
      }
      case "StepPlanned":
        if (!stack.includes(op.id) && !planned.some((p) => p.id === op.id))
          planned.push({ id: op.id, name: op.name, displayName: op.displayName });
        break;
      case "Sleep": {
        const wake = sleepUntil(op.name ?? "", now);
        await upsert(op, { status: "sleeping", output: null });
        next = { status: "sleeping", dueAt: wake, waitingFor: { kind: "sleep", until: wake.toISOString() } };
        break;
      }
      case "WaitForEvent": {
        const eventName = String(op.opts?.event ?? op.name);
        const timeout = parseDuration(String(op.opts?.timeout ?? "")) ?? 0;
        const expiresAt = new Date(now.getTime() + timeout);
        await upsert(op, { status: "waiting", output: null });
        await tx.delete(executorWaits).where(and(eq(executorWaits.runId, run.id), eq(executorWaits.stepId, op.id)));
        await tx.insert(executorWaits).values({
          runId: run.id,
          kind: "step",
          stepId: op.id,
          event: eventName,
          expression: (op.opts?.if as string | undefined) ?? null,
          expiresAt,
          createdAt: now,
        });
        next = {
          status: "waiting",
          dueAt: expiresAt,
          waitingFor: { kind: "event", event: eventName, until: expiresAt.toISOString() },
        };
        break;
      }
      case "RunComplete":
        return applyFinal(
          tx,
          run,
          { kind: "response", status: 200, body: op.data ?? null, noRetry: false, retryAfter: null },
          now,
        );
      default:
        return failRun(
          tx,
          run,
          {
            name: "UnsupportedOperation",
            message: `the embedded executor does not support the "${op.op}" step operation`,
          },
          now,
        );
    }
  }
  if (planned.length && next.status === "running") next = { status: "running", dueAt: now, waitingFor: null };
  await tx
    .update(executorRuns)
    .set({ ...next, attempt, stack, planned, leaseUntil: null, startedAt: run.startedAt ?? now })
    .where(and(eq(executorRuns.id, run.id), inArray(executorRuns.status, [...ACTIVE])));
}
