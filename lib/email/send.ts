import { contacts } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import { applyOutcomes, sendThroughTransport } from "./deliver";
import { RetryableEmailError } from "./errors";
import { prepareMessages } from "./prepare";
import type { EmailCategory, MessageStatus } from "./types";
import { recordAudit } from "../audit/record";

export type SendEmailInput = {
  recipient: { contactId: string } | { userId: string }; // users (owners, reps) only for transactional mail
  content: { templateId: string } | { subject: string; body: string }; // body in the template body format
  category: EmailCategory;
  topicKey?: string | null; // required for marketing: one of the org's topic keys
  source: { type: "playbook" | "campaign" | "manual" | "system"; id?: string | null; runId?: string | null };
  variables?: { discount?: { code: string; amount: string; expiresAt: string | null } }; // pre-formatted strings
  idempotencyKey: string; // unique per org: a repeat call returns the first message and never sends twice
  // The recipient and org as the caller just read them (a playbook step).
  preloaded?: { contact: typeof contacts.$inferSelect; orgName: string; marketingRequiresConsent: boolean };
};
export type SendEmailResult = { messageId: string; status: MessageStatus; suppressionReason: string | null };

/**
 * Stores the message (queued), checks consent/suppression at this moment (→ suppressed with
 * reason, never sent), renders it, hands it to the transport (Resend or the local outbox) with
 * the message id as idempotency key. Throws RetryableEmailError on 429/5xx (an Inngest step
 * retries it and the repeat call re-sends the same stored message); marks `failed` on a 4xx.
 */
export async function sendEmail(ctx: Ctx, input: SendEmailInput): Promise<SendEmailResult> {
  requirePermission(ctx.actor, "email:send");
  const [message] = await prepareMessages(ctx, input, [
    { recipient: input.recipient, idempotencyKey: input.idempotencyKey },
  ]);
  const m = message!;
  // Already handed over in a batch: only a replay of that batch (the sweep) may send it, never a single send.
  if (m.status !== "queued" || m.dispatchKey)
    return { messageId: m.id, status: m.status, suppressionReason: m.suppressionReason };
  // A hand-written or playbook email is recorded once, before its first hand-over (fail-closed: no record, no send).
  if (m.attempts === 0 && m.contactId && (input.source.type === "manual" || input.source.type === "playbook"))
    await recordAudit(ctx.db, ctx, {
      action: "email.sent",
      target: { id: m.contactId, label: m.toEmail },
      data: { messageId: m.id, subject: m.subject, category: m.category, source: input.source.type },
    });
  const outcome = await sendThroughTransport(m);
  await applyOutcomes(ctx.db, [m], [outcome]);
  if (!outcome.ok && outcome.retry)
    throw new RetryableEmailError(`Email ${m.id} not sent yet: ${outcome.message}`, outcome.retryAfterMs);
  return { messageId: m.id, status: outcome.ok ? "sent" : "failed", suppressionReason: null };
}
