import type { DbOrTx } from "@/db/client";
import { logNode } from "./run-log";
import { runnerNow } from "./runner/now";

/** The idempotency key of a send_email step's message: one per run and node. */
export const sendEmailKey = (runId: string, nodeId: string) => `${runId}:${nodeId}`;
/** The idempotency key of a notify_owner step's email to one teammate. */
export const ownerEmailKey = (runId: string, nodeId: string, userId: string) => `${runId}:${nodeId}:${userId}`;

/**
 * A run's message stopped at hand-over (the customer opted out, the run was cancelled…) by the
 * sweep or a replay, outside the step that asked for it: the run log says so on the step's own
 * line (the one the step writes when it sends), so the run shows why nothing went.
 */
export async function logSuppressedSend(
  db: DbOrTx,
  m: { id: string; orgId: string; runId: string | null; idempotencyKey: string },
  label: string,
) {
  if (!m.runId || !m.idempotencyKey.startsWith(`${m.runId}:`)) return;
  const [nodeId, userId] = m.idempotencyKey.slice(m.runId.length + 1).split(":");
  if (!nodeId) return;
  await logNode(db, {
    orgId: m.orgId,
    runId: m.runId,
    nodeId,
    nodeType: userId ? "notify_owner" : "send_email",
    key: userId ? `${nodeId}:email:${userId}` : nodeId,
    status: "skipped",
    detail: `email suppressed: ${label}`,
    messageId: m.id,
    at: runnerNow(),
  });
}
