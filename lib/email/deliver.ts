import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { activities, emailEvents, emailMessages } from "@/db/schema";
import { emailConfig } from "./config";
import { sharedLimiter } from "./rate-limiter";
import { getTransport, type OutgoingEmail, type SendOutcome } from "./transport";
import type { MessageRow } from "./prepare";

export function outgoing(m: MessageRow, from = emailConfig().from): OutgoingEmail {
  return {
    id: m.id,
    from,
    to: m.toEmail,
    subject: m.subject,
    html: m.html,
    text: m.text,
    headers: m.headers,
    tags: [
      { name: "message_id", value: m.id },
      { name: "category", value: m.category },
    ],
  };
}

/** Hands one queued message to the transport, under the process-wide rate limit. */
export async function sendThroughTransport(m: MessageRow): Promise<SendOutcome> {
  const cfg = emailConfig();
  const transport = getTransport();
  if (transport.kind === "local") return transport.send(outgoing(m, cfg.from));
  return sharedLimiter(cfg.rateLimit).run(() => transport.send(outgoing(m, cfg.from)));
}

/**
 * Writes what the provider answered for each message, in one transaction: sent (with its
 * timeline entry and event), failed (with Resend's message), or still queued for a retry.
 * Only queued rows change, so a late duplicate answer never rewrites a later status.
 */
export async function applyOutcomes(db: DbOrTx, rows: MessageRow[], outcomes: SendOutcome[]): Promise<void> {
  const sent = rows.flatMap((m, i) => {
    const o = outcomes[i]!;
    return o.ok ? [{ m, providerId: o.providerId }] : [];
  });
  const failed = rows.flatMap((m, i) => {
    const o = outcomes[i]!;
    return !o.ok && !o.retry ? [{ m, message: o.message }] : [];
  });
  const retry = rows.flatMap((m, i) => {
    const o = outcomes[i]!;
    return !o.ok && o.retry ? [{ m, message: o.message }] : [];
  });
  const now = new Date();
  await db.transaction(async (tx) => {
    if (sent.length) {
      const valuesList = sql.join(
        sent.map((s) => sql`(${s.m.id}::uuid, ${s.providerId})`),
        sql`, `,
      );
      const updated = await tx.execute<{ id: string }>(
        sql`update ${emailMessages} as m set status = 'sent', provider_id = v.pid, sent_at = ${now.toISOString()}::timestamptz, attempts = m.attempts + 1, failure_reason = null
            from (values ${valuesList}) as v(id, pid) where m.id = v.id and m.status = 'queued' returning m.id`,
      );
      const changed = new Set(rowsOf<{ id: string }>(updated).map((r) => r.id));
      const done = sent.filter((s) => changed.has(s.m.id));
      if (done.length) {
        await tx.insert(emailEvents).values(done.map((s) => ({ orgId: s.m.orgId, messageId: s.m.id, contactId: s.m.contactId, type: "sent", data: { providerId: s.providerId }, occurredAt: now })));
        const timeline = done.filter((s) => s.m.contactId);
        if (timeline.length) {
          await tx.insert(activities).values(
            timeline.map((s) => ({ orgId: s.m.orgId, contactId: s.m.contactId, type: "email.sent", subjectType: "email_message", subjectId: s.m.id, data: { subject: s.m.subject, messageId: s.m.id, category: s.m.category, topicKey: s.m.topicKey }, occurredAt: now })),
          );
        }
      }
    }
    for (const f of failed) {
      const [row] = await tx
        .update(emailMessages)
        .set({ status: "failed", failureReason: f.message, attempts: sql`${emailMessages.attempts} + 1` })
        .where(and(eq(emailMessages.id, f.m.id), eq(emailMessages.status, "queued")))
        .returning({ id: emailMessages.id });
      if (row) {
        await tx.insert(emailEvents).values({ orgId: f.m.orgId, messageId: f.m.id, contactId: f.m.contactId, type: "failed", data: { message: f.message }, occurredAt: now });
        if (f.m.contactId) await tx.insert(activities).values({ orgId: f.m.orgId, contactId: f.m.contactId, type: "email.failed", subjectType: "email_message", subjectId: f.m.id, data: { subject: f.m.subject, reason: f.message, messageId: f.m.id } });
      }
    }
    if (retry.length) {
      await tx
        .update(emailMessages)
        .set({ attempts: sql`${emailMessages.attempts} + 1`, failureReason: retry[0]!.message })
        .where(and(inArray(emailMessages.id, retry.map((r) => r.m.id)), eq(emailMessages.status, "queued")));
    }
  });
}

function rowsOf<T>(result: unknown): T[] {
  // postgres-js returns an array; PGlite returns { rows }.
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}
