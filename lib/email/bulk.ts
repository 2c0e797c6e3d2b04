import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import { BATCH_SIZE, createDispatcher } from "./dispatch";
import { prepareMessages, type Common, type Recipient } from "./prepare";

export type BulkResult = { sent: number; suppressed: number; failed: number; pending: number; messageIds: string[] };

/**
 * Sends one content to many recipients: stored 100 at a time (each chunk's consent checked at
 * that moment, and again right before each request) and handed over in batches while the next chunk is being prepared.
 */
export async function sendBulk(ctx: Ctx, common: Common, recipients: Recipient[]): Promise<BulkResult> {
  requirePermission(ctx.actor, "email:send");
  const dispatcher = createDispatcher(ctx.db);
  const messageIds: string[] = [];
  let suppressed = 0;
  for (let i = 0; i < recipients.length; i += BATCH_SIZE) {
    const rows = await prepareMessages(ctx, common, recipients.slice(i, i + BATCH_SIZE), { asBatch: true });
    for (const r of rows) {
      messageIds.push(r.id);
      if (r.status === "suppressed") suppressed++;
    }
    await dispatcher.add(rows);
  }
  // Suppressed when stored, or at hand-over (an opt-out while the batch waited for its turn).
  const counts = await dispatcher.finish();
  return { ...counts, suppressed: suppressed + counts.suppressed, messageIds };
}
