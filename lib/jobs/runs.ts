import "server-only";
import { executorAdmin, type RunSummary } from "@/inngest/admin";
import { executorNow } from "@/inngest/clock";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { RUN_WINDOWS, runFiltersSchema, runIdSchema } from "./filters";

export const RUNS_PAGE_SIZE = 50;
export type { RunSummary };

/** The organisation's runs (those started by its events), newest first. */
export async function listRuns(
  ctx: Ctx,
  rawFilters: unknown,
): Promise<{ runs: RunSummary[]; nextBefore: string | null; functions: string[] }> {
  requirePermission(ctx.actor, "jobs:read");
  const f = runFiltersSchema.parse(rawFilters ?? {});
  const admin = executorAdmin(ctx.db);
  const rows = await admin.listRuns(ctx.orgId, {
    functionId: f.fn,
    status: f.status,
    createdSince: f.since ? new Date(executorNow().getTime() - RUN_WINDOWS[f.since]) : undefined,
    createdBefore: f.before ? new Date(f.before) : undefined,
    limit: RUNS_PAGE_SIZE + 1,
  });
  const functions = await admin.functionIds(ctx.orgId);
  const more = rows.length > RUNS_PAGE_SIZE;
  const runs = rows.slice(0, RUNS_PAGE_SIZE);
  return { runs, nextBefore: more ? runs.at(-1)!.createdAt.toISOString() : null, functions };
}

export async function getRun(ctx: Ctx, runId: string) {
  requirePermission(ctx.actor, "jobs:read");
  const { runId: id } = runIdSchema.parse({ runId });
  const found = await executorAdmin(ctx.db).getRun(ctx.orgId, id);
  if (!found) throw new NotFoundError("That run");
  return found;
}

export async function cancelRunForOrg(ctx: Ctx, input: unknown): Promise<void> {
  requirePermission(ctx.actor, "jobs:manage");
  const { runId } = runIdSchema.parse(input);
  const outcome = await executorAdmin(ctx.db).cancelRun(ctx.orgId, runId);
  if (outcome === "not-found") throw new NotFoundError("That run");
  if (outcome === "ended") throw new ConflictError("That run has already ended.");
}

/** Retries a failed run from its failed step: the step's stored error is dropped, everything before it stays. */
export async function retryRunForOrg(ctx: Ctx, input: unknown): Promise<void> {
  requirePermission(ctx.actor, "jobs:manage");
  const { runId } = runIdSchema.parse(input);
  const outcome = await executorAdmin(ctx.db).retryRun(ctx.orgId, runId);
  if (outcome === "not-found") throw new NotFoundError("That run");
  if (outcome === "not-failed") throw new ConflictError("Only a failed run can be retried.");
}
