import { and, asc, eq, lt } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { emailMessages } from "@/db/schema";
import { createDispatcher, type DispatchCounts } from "./dispatch";
import { applyOutcomes, sendThroughTransport } from "./deliver";

/**
 * Sends messages left queued (a crash between storing and handing over, or a provider outage
 * longer than the bulk retries). Safe to repeat: the message id is the idempotency key and only
 * queued rows change.
 */
export async function retryQueued(
  db: DbOrTx,
  olderThan: Date,
  options: { orgId?: string; limit?: number } = {},
): Promise<DispatchCounts> {
  const rows = await db
    .select()
    .from(emailMessages)
    .where(
      and(
        eq(emailMessages.status, "queued"),
        lt(emailMessages.createdAt, olderThan),
        options.orgId ? eq(emailMessages.orgId, options.orgId) : undefined,
      ),
    )
    .orderBy(asc(emailMessages.createdAt))
    .limit(options.limit ?? 1000);
  const dispatcher = createDispatcher(db);
  const singles = { sent: 0, failed: 0, pending: 0 };
  // A message goes out again the way it went before: alone under its own id, or in its batch.
  const batches = new Map<string, typeof rows>();
  for (const r of rows) {
    if (r.dispatchKey) batches.set(r.dispatchKey, [...(batches.get(r.dispatchKey) ?? []), r]);
    else {
      const outcome = await sendThroughTransport(r);
      await applyOutcomes(db, [r], [outcome]);
      singles[outcome.ok ? "sent" : outcome.retry ? "pending" : "failed"]++;
    }
  }
  for (const [key, group] of batches) await dispatcher.replay(group, key);
  const counts = await dispatcher.finish();
  return {
    sent: counts.sent + singles.sent,
    failed: counts.failed + singles.failed,
    pending: counts.pending + singles.pending,
  };
}
