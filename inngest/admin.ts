import "server-only";
import type { DbOrTx } from "@/db/client";
import type { executorRuns, executorSteps, RunStatus } from "@/db/schema";
import { embeddedAdmin } from "./local/admin";

export type RunRecord = typeof executorRuns.$inferSelect;
export type StepRecord = typeof executorSteps.$inferSelect;
export type RunSummary = Pick<
  RunRecord,
  "id" | "functionId" | "status" | "waitingFor" | "createdAt" | "startedAt" | "endedAt" | "attempt"
> & { eventName: string };

export type RunQuery = {
  functionId?: string;
  status?: RunStatus;
  createdSince?: Date;
  createdBefore?: Date;
  limit: number;
};

/**
 * What the app may ask of the executor about its runs, always within one tenant (an organisation,
 * as `organisationOfEvent` assigned it). The runs console and playbook code use only this and
 * `inngest/clock`, never the executor's tables or internals.
 */
export interface ExecutorAdmin {
  /** The tenant's runs, newest first. */
  listRuns(tenant: string, query: RunQuery): Promise<RunSummary[]>;
  /** The functions the tenant has runs of. */
  functionIds(tenant: string): Promise<string[]>;
  getRun(tenant: string, runId: string): Promise<{ run: RunRecord; steps: StepRecord[] } | null>;
  /** Ends an active run. */
  cancelRun(tenant: string, runId: string): Promise<"cancelled" | "ended" | "not-found">;
  /** Runs a failed run again from its failed step; what came before stays. */
  retryRun(tenant: string, runId: string): Promise<"retried" | "not-failed" | "not-found">;
}

/**
 * The admin face of the embedded executor, whose runs live in this database. On Inngest Cloud
 * the runs are Inngest's and the console links to its dashboard instead (see `currentTarget`).
 */
export function executorAdmin(db: DbOrTx): ExecutorAdmin {
  return embeddedAdmin(db);
}
