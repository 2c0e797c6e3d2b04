import { createHash } from "node:crypto";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import { emailConfig } from "./config";
import { applyOutcomes, outgoing } from "./deliver";
import { prepareMessages, type Common, type MessageRow, type Recipient } from "./prepare";
import { sharedLimiter, sleep } from "./rate-limiter";
import { getTransport, type SendOutcome } from "./transport";

export const BATCH_SIZE = 100;
const MAX_ATTEMPTS = 8;

export type BulkResult = { sent: number; suppressed: number; failed: number; pending: number; messageIds: string[] };

/** 5xx and network errors: 0.5 s, 1 s, 2 s … capped at 30 s, with jitter so retries do not align. */
export function backoffMs(attempt: number): number {
  const base = Math.min(30_000, 500 * 2 ** (attempt - 1));
  return base / 2 + Math.random() * (base / 2);
}

/**
 * Sends many messages: stored 100 at a time (each chunk's consent checked at that moment), and
 * handed to Resend's batch endpoint under the shared rate limit. A 429 waits for retry-after and
 * a 5xx backs off — only that batch waits, the others keep the pace. The batch's idempotency key
 * comes from its message ids, so a retried batch never sends twice.
 */
export async function sendBulk(ctx: Ctx, common: Common, recipients: Recipient[]): Promise<BulkResult> {
  requirePermission(ctx.actor, "email:send");
  const cfg = emailConfig();
  const transport = getTransport();
  const limiter = transport.kind === "local" ? null : sharedLimiter(cfg.rateLimit);
  const result: BulkResult = { sent: 0, suppressed: 0, failed: 0, pending: 0, messageIds: [] };
  const inFlight = new Set<Promise<void>>();
  const maxInFlight = Math.max(2, Math.ceil(cfg.rateLimit * 2));

  async function dispatch(rows: MessageRow[]): Promise<void> {
    let pending = rows;
    for (let attempt = 1; pending.length && attempt <= MAX_ATTEMPTS; attempt++) {
      const key = `batch-${createHash("sha256").update(pending.map((r) => r.id).join(",")).digest("hex").slice(0, 40)}`;
      const emails = pending.map((r) => outgoing(r, cfg.from));
      const answer = limiter ? await limiter.run(() => transport.sendBatch(emails, key)) : await transport.sendBatch(emails, key);
      const outcomes: SendOutcome[] = Array.isArray(answer) ? answer : pending.map(() => answer);
      await applyOutcomes(ctx.db, pending, outcomes);
      const retry: MessageRow[] = [];
      let wait = 0;
      outcomes.forEach((o, i) => {
        if (o.ok) result.sent++;
        else if (!o.retry) result.failed++;
        else {
          retry.push(pending[i]!);
          wait = Math.max(wait, o.retryAfterMs ?? backoffMs(attempt));
        }
      });
      pending = retry;
      if (pending.length && attempt < MAX_ATTEMPTS) await sleep(wait);
    }
    // Still queued after every attempt: left for the queued-mail sweep to send later.
    result.pending += pending.length;
  }

  for (let i = 0; i < recipients.length; i += BATCH_SIZE) {
    const rows = await prepareMessages(ctx, common, recipients.slice(i, i + BATCH_SIZE));
    for (const r of rows) {
      result.messageIds.push(r.id);
      if (r.status === "suppressed") result.suppressed++;
    }
    const queued = rows.filter((r) => r.status === "queued");
    if (!queued.length) continue;
    const p = dispatch(queued).finally(() => inFlight.delete(p));
    inFlight.add(p);
    if (inFlight.size >= maxInFlight) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return result;
}
