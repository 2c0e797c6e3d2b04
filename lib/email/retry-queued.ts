import { and, asc, eq, lt } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { emailMessages } from "@/db/schema";
import { createDispatcher, type DispatchCounts } from "./dispatch";
import { applyOutcomes, sendThroughTransport } from "./deliver";
import { prepareHandOver } from "./hand-over";

/**
 * Sends messages left queued (a crash between storing and handing over, or a provider outage
 * longer than the bulk retries). Safe to repeat: the message id is the idempotency key and only
 * queued rows change.
 */
export async function retryQueued(
  db: DbOrTx,
  olderThan: Date,
  options: {
    orgId?: string;
    campaignId?: string;
    limit?: number;
    /** After messages were settled (sent, failed, suppressed) or kept: their ids. */
    onAnswered?: (ids: string[]) => Promise<void>;
  } = {},
): Promise<DispatchCounts> {
  const rows = await db
    .select()
    .from(emailMessages)
    .where(
      and(
        eq(emailMessages.status, "queued"),
        lt(emailMessages.createdAt, olderThan),
        options.orgId ? eq(emailMessages.orgId, options.orgId) : undefined,
        options.campaignId ? eq(emailMessages.sourceType, "campaign") : undefined,
        options.campaignId ? eq(emailMessages.sourceId, options.campaignId) : undefined,
      ),
    )
    .orderBy(asc(emailMessages.createdAt))
    .limit(options.limit ?? 1000);
  const dispatcher = createDispatcher(db, { onAnswered: options.onAnswered });
  const singles = { sent: 0, failed: 0, pending: 0, suppressed: 0 };
  // A message goes out again the way it went before: alone under its own id, or in its batch
  // (its members re-formed under a new key when some may no longer go). One never handed over
  // joins a new batch. Each is checked again right before its request (lib/email/hand-over.ts).
  const batches = new Map<string, typeof rows>();
  const fresh: typeof rows = [];
  for (const r of rows) {
    if (r.dispatchKey) batches.set(r.dispatchKey, [...(batches.get(r.dispatchKey) ?? []), r]);
    else if (r.attempts === 0) fresh.push(r);
    else {
      const outcome = await sendThroughTransport(r, async () => {
        const h = await prepareHandOver(db, "email", [r], { batch: false });
        return h.send.length ? null : h.suppressed.size ? "suppressed" : "skipped";
      });
      if (outcome === "suppressed") {
        singles.suppressed++;
        await options.onAnswered?.([r.id]);
      }
      if (typeof outcome === "string") continue;
      await applyOutcomes(db, [r], [outcome]);
      await options.onAnswered?.([r.id]);
      singles[outcome.ok ? "sent" : outcome.retry ? "pending" : "failed"]++;
    }
  }
  for (const [key, group] of batches) await dispatcher.replay(group, key);
  await dispatcher.add(fresh);
  const counts = await dispatcher.finish();
  return {
    sent: counts.sent + singles.sent,
    failed: counts.failed + singles.failed,
    pending: counts.pending + singles.pending,
    suppressed: counts.suppressed + singles.suppressed,
  };
}
