import { and, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { executorRuns, executorSteps, executorWaits } from "@/db/schema";
import type { ExecutorAdmin } from "../admin";
import { clockNow } from "./clock";
import { runningExecutor } from "./executor";
import { cancelRun } from "./runs";

/** The embedded executor's runs, read and changed in its own tables, one tenant at a time. */
export function embeddedAdmin(db: DbOrTx): ExecutorAdmin {
  const ofTenant = (tenant: string, runId: string) => and(eq(executorRuns.id, runId), eq(executorRuns.orgId, tenant));
  return {
    async listRuns(tenant, q) {
      const conditions = [eq(executorRuns.orgId, tenant)];
      if (q.functionId) conditions.push(eq(executorRuns.functionId, q.functionId));
      if (q.status) conditions.push(eq(executorRuns.status, q.status));
      if (q.createdSince) conditions.push(gte(executorRuns.createdAt, q.createdSince));
      if (q.createdBefore) conditions.push(lt(executorRuns.createdAt, q.createdBefore));
      return db
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
        .limit(q.limit);
    },

    async functionIds(tenant) {
      const rows = await db
        .selectDistinct({ id: executorRuns.functionId })
        .from(executorRuns)
        .where(eq(executorRuns.orgId, tenant))
        .orderBy(executorRuns.functionId);
      return rows.map((r) => r.id);
    },

    async getRun(tenant, runId) {
      const [run] = await db.select().from(executorRuns).where(ofTenant(tenant, runId)).limit(1);
      if (!run) return null;
      const steps = await db
        .select()
        .from(executorSteps)
        .where(eq(executorSteps.runId, run.id))
        .orderBy(executorSteps.position);
      return { run, steps };
    },

    async cancelRun(tenant, runId) {
      return db.transaction(async (tx) => {
        const [run] = await tx
          .select({ id: executorRuns.id })
          .from(executorRuns)
          .where(ofTenant(tenant, runId))
          .for("update");
        if (!run) return "not-found";
        return (await cancelRun(tx, run.id, clockNow())) ? "cancelled" : "ended";
      });
    },

    async retryRun(tenant, runId) {
      const outcome = await db.transaction(async (tx) => {
        const [run] = await tx.select().from(executorRuns).where(ofTenant(tenant, runId)).for("update");
        if (!run) return "not-found";
        if (run.status !== "failed") return "not-failed";
        const failed = await tx
          .delete(executorSteps)
          .where(and(eq(executorSteps.runId, run.id), inArray(executorSteps.status, ["failed", "errored"])))
          .returning({ stepId: executorSteps.stepId });
        const gone = new Set(failed.map((s) => s.stepId));
        await tx.delete(executorWaits).where(eq(executorWaits.runId, run.id));
        const now = clockNow();
        await tx
          .update(executorRuns)
          .set({
            status: "queued",
            attempt: 0,
            error: null,
            endedAt: null,
            // started_at tells the executor that step rows may exist (a run failed inside its first call has some).
            startedAt: run.startedAt ?? now,
            dueAt: now,
            leaseUntil: null,
            waitingFor: null,
            planned: [],
            stack: run.stack.filter((id) => !gone.has(id)),
          })
          .where(eq(executorRuns.id, run.id));
        return "retried";
      });
      if (outcome === "retried") runningExecutor()?.wake();
      return outcome;
    },
  };
}
