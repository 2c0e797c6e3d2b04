import "server-only";
import { and, desc, eq, gte, lt, inArray, sql } from "drizzle-orm";
import { executorRuns, executorSteps, executorWaits } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { clockNow } from "@/inngest/local/clock";
import { runningExecutor } from "@/inngest/local/executor";
import { cancelRun } from "@/inngest/local/runs";
import { RUN_WINDOWS, runFiltersSchema, runIdSchema } from "./filters";

export const RUNS_PAGE_SIZE = 50;

export type RunSummary = Pick<
  typeof executorRuns.$inferSelect,
  "id" | "functionId" | "status" | "waitingFor" | "createdAt" | "startedAt" | "endedAt" | "attempt"
> & { eventName: string };

/** The organisation's runs (those whose event carries its orgId), newest first. */
export async function listRuns(
  ctx: Ctx,
  rawFilters: unknown,
): Promise<{ runs: RunSummary[]; nextBefore: string | null; functions: string[] }> {
  requirePermission(ctx.actor, "jobs:read");
  const f = runFiltersSchema.parse(rawFilters ?? {});
  const conditions = [eq(executorRuns.orgId, ctx.orgId)];
  if (f.fn) conditions.push(eq(executorRuns.functionId, f.fn));
  if (f.status) conditions.push(eq(executorRuns.status, f.status));
  if (f.since) conditions.push(gte(executorRuns.createdAt, new Date(clockNow().getTime() - RUN_WINDOWS[f.since])));
  if (f.before) conditions.push(lt(executorRuns.createdAt, new Date(f.before)));
  const rows = await ctx.db
    .select({
      id: executorRuns.id,
      functionId: executorRuns.functionId,
      status: executorRuns.status,
      waitingFor: executorRuns.waitingFor,
      createdAt: executorRuns.createdAt,
      startedAt: executorRuns.startedAt,
      endedAt: executorRuns.endedAt,
      attempt: executorRuns.attempt,
      eventName: sql<string>`${executorRuns.event}->>'name'`,
    })
    .from(executorRuns)
    .where(and(...conditions))
    .orderBy(desc(executorRuns.createdAt))
    .limit(RUNS_PAGE_SIZE + 1);
  const fns = await ctx.db
    .selectDistinct({ id: executorRuns.functionId })
    .from(executorRuns)
    .where(eq(executorRuns.orgId, ctx.orgId))
    .orderBy(executorRuns.functionId);
  const more = rows.length > RUNS_PAGE_SIZE;
  const runs = rows.slice(0, RUNS_PAGE_SIZE);
  return { runs, nextBefore: more ? runs.at(-1)!.createdAt.toISOString() : null, functions: fns.map((r) => r.id) };
}

export async function getRun(ctx: Ctx, runId: string) {
  requirePermission(ctx.actor, "jobs:read");
  const { runId: id } = runIdSchema.parse({ runId });
  const [run] = await ctx.db
    .select()
    .from(executorRuns)
    .where(and(eq(executorRuns.id, id), eq(executorRuns.orgId, ctx.orgId)))
    .limit(1);
  if (!run) throw new NotFoundError("That run");
  const steps = await ctx.db
    .select()
    .from(executorSteps)
    .where(eq(executorSteps.runId, run.id))
    .orderBy(executorSteps.position);
  return { run, steps };
}

export async function cancelRunForOrg(ctx: Ctx, input: unknown): Promise<void> {
  requirePermission(ctx.actor, "jobs:manage");
  const { runId } = runIdSchema.parse(input);
  const done = await ctx.db.transaction(async (tx) => {
    const [run] = await tx
      .select({ id: executorRuns.id })
      .from(executorRuns)
      .where(and(eq(executorRuns.id, runId), eq(executorRuns.orgId, ctx.orgId)))
      .for("update");
    if (!run) throw new NotFoundError("That run");
    return cancelRun(tx, run.id, clockNow());
  });
  if (!done) throw new ConflictError("That run has already ended.");
}

/** Retries a failed run from its failed step: the step's stored error is dropped, everything before it stays. */
export async function retryRunForOrg(ctx: Ctx, input: unknown): Promise<void> {
  requirePermission(ctx.actor, "jobs:manage");
  const { runId } = runIdSchema.parse(input);
  await ctx.db.transaction(async (tx) => {
    const [run] = await tx
      .select()
      .from(executorRuns)
      .where(and(eq(executorRuns.id, runId), eq(executorRuns.orgId, ctx.orgId)))
      .for("update");
    if (!run) throw new NotFoundError("That run");
    if (run.status !== "failed") throw new ConflictError("Only a failed run can be retried.");
    const failed = await tx
      .delete(executorSteps)
      .where(and(eq(executorSteps.runId, run.id), inArray(executorSteps.status, ["failed", "errored"])))
      .returning({ stepId: executorSteps.stepId });
    const gone = new Set(failed.map((s) => s.stepId));
    // started_at tells the executor that step rows may exist (a run failed inside its first call has some).
    await tx.delete(executorWaits).where(eq(executorWaits.runId, run.id));
    await tx
      .update(executorRuns)
      .set({
        status: "queued",
        attempt: 0,
        error: null,
        endedAt: null,
        startedAt: run.startedAt ?? clockNow(),
        dueAt: clockNow(),
        leaseUntil: null,
        waitingFor: null,
        planned: [],
        stack: run.stack.filter((id) => !gone.has(id)),
      })
      .where(eq(executorRuns.id, run.id));
  });
  runningExecutor()?.wake();
}
