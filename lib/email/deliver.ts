import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { uuidArray } from "@/db/uuid-array";
import { activities, emailEvents, emailMessages } from "@/db/schema";
import { executorNow } from "@/inngest/clock";
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

/**
 * Hands one queued message to the transport alone (its id as idempotency key), under the
 * process-wide rate limit. `check` runs inside the slot, right before the request: a string it
 * returns (why not) is returned instead of sending.
 */
export async function sendThroughTransport<R extends string>(
  m: MessageRow,
  check: () => Promise<R | null>,
): Promise<SendOutcome | R> {
  const cfg = emailConfig();
  const transport = getTransport();
  const go = async () => (await check()) ?? transport.send(outgoing(m, cfg.from));
  if (transport.kind === "local") return go();
  return sharedLimiter(cfg.rateLimit).run(go);
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
  // The time background work runs on (wall time in production): a sent_at on the same timeline as the
  // campaign or playbook run that sent it, also when tests and demos move the executor clock.
  const now = executorNow();
  // The usual answer, all sent, is one statement: it is atomic without a transaction of its own.
  if (!failed.length && !retry.length) {
    if (sent.length) await markSent(db, sent, now);
    return;
  }
  await db.transaction(async (tx) => {
    if (sent.length) await markSent(tx, sent, now);
    for (const f of failed) {
      const [row] = await tx
        .update(emailMessages)
        .set({ status: "failed", failureReason: f.message, attempts: sql`${emailMessages.attempts} + 1` })
        .where(
          and(eq(emailMessages.id, f.m.id), eq(emailMessages.orgId, f.m.orgId), eq(emailMessages.status, "queued")),
        )
        .returning({ id: emailMessages.id });
      if (row) {
        await tx.insert(emailEvents).values({
          orgId: f.m.orgId,
          messageId: f.m.id,
          contactId: f.m.contactId,
          type: "failed",
          data: { message: f.message },
          occurredAt: now,
        });
        if (f.m.contactId)
          await tx.insert(activities).values({
            orgId: f.m.orgId,
            contactId: f.m.contactId,
            type: "email.failed",
            subjectType: "email_message",
            subjectId: f.m.id,
            data: { subject: f.m.subject, reason: f.message, messageId: f.m.id },
          });
      }
    }
    // One statement per organisation: a coalesced batch may hold several organisations' messages.
    for (const orgId of new Set(retry.map((r) => r.m.orgId))) {
      const ofOrg = retry.filter((r) => r.m.orgId === orgId);
      await tx
        .update(emailMessages)
        .set({ attempts: sql`${emailMessages.attempts} + 1`, failureReason: ofOrg[0]!.message })
        .where(
          and(
            eq(emailMessages.orgId, orgId),
            sql`${emailMessages.id} = any(${uuidArray(ofOrg.map((r) => r.m.id))})`,
            eq(emailMessages.status, "queued"),
          ),
        );
    }
  });
}

/** Queued → sent with the provider's id, plus each one's "sent" event and timeline entry, in one statement. */
async function markSent(db: DbOrTx, sent: { m: MessageRow; providerId: string }[], now: Date) {
  const at = now.toISOString();
  const rows = JSON.stringify(sent.map((s) => ({ id: s.m.id, org_id: s.m.orgId, pid: s.providerId })));
  await db.execute(sql`
    with v as (select * from jsonb_to_recordset(${rows}::jsonb) as v(id uuid, org_id uuid, pid text)),
    done as (
      update ${emailMessages} as m set status = 'sent', provider_id = v.pid, sent_at = ${at}::timestamptz, attempts = m.attempts + 1, failure_reason = null
      from v where m.id = v.id and m.org_id = v.org_id and m.status = 'queued'
      returning m.id, m.org_id, m.contact_id, m.subject, m.category, m.topic_key, v.pid
    ),
    events as (
      insert into ${emailEvents} (org_id, message_id, contact_id, type, data, occurred_at)
      select org_id, id, contact_id, 'sent', jsonb_build_object('providerId', pid), ${at}::timestamptz from done
    )
    insert into ${activities} (org_id, contact_id, type, subject_type, subject_id, data, occurred_at)
    select org_id, contact_id, 'email.sent', 'email_message', id, jsonb_build_object('subject', subject, 'messageId', id, 'category', category, 'topicKey', topic_key), ${at}::timestamptz
    from done where contact_id is not null`);
}
