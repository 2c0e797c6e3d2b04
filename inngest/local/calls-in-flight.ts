import type { Db } from "@/db/client";
import type { executorRuns } from "@/db/schema";
import { applyCheckpoint } from "./apply";
import { clockNow } from "./clock";

type RunRow = typeof executorRuns.$inferSelect;

/**
 * The calls this process's executors have in flight, by the id each call gives the SDK
 * (ctx.qi_id). The SDK posts its checkpoints to the app it runs in, which is the process that
 * called it whenever the executor calls its own app, so one map per process finds the call. It
 * hangs off globalThis: Next loads this module once per bundle (instrumentation, each route).
 */
const key = Symbol.for("tend.executor.calls");
type G = typeof globalThis & { [key]?: Map<string, { db: Db; run: RunRow }> };
const calls = ((globalThis as G)[key] ??= new Map());

export function callStarted(callId: string, db: Db, run: RunRow): void {
  calls.set(callId, { db, run });
}

export function callEnded(callId: string): void {
  calls.delete(callId);
}

/**
 * Steps a call in flight ran and goes on past (the SDK's checkpoint). "ended" when the run ended
 * meanwhile (cancelled): the SDK stops that call's work. "unknown" when the call is not one of
 * this process's in flight (over, or another process's) and "invalid" for ops that are not
 * completed steps within the size limit: the SDK then answers with the steps itself, and they are
 * applied with the call's answer as without checkpoints.
 */
export async function checkpointCall(
  runId: string,
  callId: string,
  ops: unknown,
): Promise<"ok" | "ended" | "unknown" | "invalid"> {
  const call = calls.get(callId);
  if (!call || call.run.id !== runId) return "unknown";
  if (!Array.isArray(ops)) return "invalid";
  return applyCheckpoint(call.db, call.run, ops, clockNow());
}
