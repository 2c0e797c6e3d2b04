import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { contacts, emailMessages } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import type { SuppressionCode } from "./consent";
import { applyOutcomes, sendThroughTransport } from "./deliver";
import { RetryableEmailError } from "./errors";
import { prepareHandOver } from "./hand-over";
import { prepareMessages, type MessageRow } from "./prepare";
import { senderFor, type HandOverResult } from "./sender";
import type { EmailCategory, MessageStatus } from "./types";
import { recordAudit } from "../audit/record";

export type SendEmailInput = {
  recipient: { contactId: string } | { userId: string }; // users (owners, reps) only for transactional mail
  content: { templateId: string } | { subject: string; body: string }; // body in the template body format
  category: EmailCategory;
  preheader?: string | null; // the preview text after the subject (campaigns)
  topicKey?: string | null; // required for marketing: one of the org's topic keys
  source: { type: "playbook" | "campaign" | "manual" | "system"; id?: string | null; runId?: string | null };
  variables?: { discount?: { code: string; amount: string; expiresAt: string | null } }; // pre-formatted strings
  idempotencyKey: string; // unique per org: a repeat call returns the first message and never sends twice
  // The recipients and org as the caller just read them (a playbook step, a campaign's batch).
  preloaded?: { contacts: (typeof contacts.$inferSelect)[]; orgName: string; marketingRequiresConsent: boolean };
};
export type SendEmailResult = { messageId: string; status: MessageStatus; suppressionReason: string | null };

/**
 * Stores the message (queued, or suppressed with its reason when consent or a suppression says
 * so now), renders it, and hands it to the sender, which coalesces sends arriving together into
 * the provider's batch requests and checks consent, suppression and the source run again right
 * before the request. Throws RetryableEmailError on 429/5xx (an Inngest step retries it and the
 * repeat call hands the same stored message over again: its batch replayed under the same key, or
 * re-formed without members that may no longer go); marks `failed` on a 4xx.
 */
export async function sendEmail(ctx: Ctx, input: SendEmailInput): Promise<SendEmailResult> {
  requirePermission(ctx.actor, "email:send");
  const [message] = await prepareMessages(
    ctx,
    input,
    [{ recipient: input.recipient, idempotencyKey: input.idempotencyKey }],
    { checkAtHandOver: true },
  );
  const m = message!;
  if (m.status !== "queued") return { messageId: m.id, status: m.status, suppressionReason: m.suppressionReason };
  // A hand-written or playbook email is recorded once, before its first hand-over (fail-closed: no record, no send).
  if (
    m.attempts === 0 &&
    !m.dispatchKey &&
    m.contactId &&
    (input.source.type === "manual" || input.source.type === "playbook")
  )
    await recordAudit(ctx.db, ctx, {
      action: "email.sent",
      target: { id: m.contactId, label: m.toEmail },
      data: { messageId: m.id, subject: m.subject, category: m.category, source: input.source.type },
    });
  const r = await handOverOne(ctx.db, m);
  if (r.kind === "suppressed") return { messageId: m.id, status: "suppressed", suppressionReason: r.reason };
  if (r.kind === "skipped") {
    // Another hand-over has it (a replay in another process) or settled it: report what is stored.
    const [now] = await ctx.db.select().from(emailMessages).where(eq(emailMessages.id, m.id));
    if (!now || now.status === "queued")
      throw new RetryableEmailError(`Email ${m.id} is being handed over elsewhere; looking again later`);
    return { messageId: m.id, status: now.status, suppressionReason: now.suppressionReason };
  }
  const o = r.outcome;
  if (!o.ok && o.retry) throw new RetryableEmailError(`Email ${m.id} not sent yet: ${o.message}`, o.retryAfterMs);
  return { messageId: m.id, status: o.ok ? "sent" : "failed", suppressionReason: null };
}

/**
 * One stored message to the provider, the way it went before: never handed over → the sender's
 * next batch; in a batch already (a retry, or after a crash) → that batch again under its key;
 * sent alone before (a message older than the sender) → alone again under its own id.
 */
async function handOverOne(db: DbOrTx, m: MessageRow): Promise<HandOverResult> {
  if (m.dispatchKey) return (await senderFor(db).replay(m.dispatchKey)).get(m.id) ?? { kind: "skipped" };
  if (m.attempts === 0) return senderFor(db).submit(m);
  const outcome = await sendThroughTransport(m, async () => {
    const h = await prepareHandOver(db, "email", [m], { batch: false });
    return h.send.length ? null : h.suppressed.size ? "suppressed" : "skipped";
  });
  if (outcome === "skipped") return { kind: "skipped" };
  if (outcome === "suppressed") {
    const [now] = await db.select().from(emailMessages).where(eq(emailMessages.id, m.id));
    return { kind: "suppressed", reason: now!.suppressionReason as SuppressionCode };
  }
  await applyOutcomes(db, [m], [outcome]);
  return { kind: outcome.ok ? "sent" : outcome.retry ? "retry" : "failed", outcome };
}
