import "server-only";
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { emailEvents, emailMessages, emailSuppressions, emailWebhookReceipts } from "@/db/schema";
import { recordActivity } from "../activity/record";
import { emailConfig } from "./config";
import { verifySvix } from "./svix";
import { advanceStatus, recordEngagement } from "./tracking";

type Payload = {
  type?: string;
  created_at?: string;
  data?: {
    email_id?: string;
    tags?: unknown;
    bounce?: { type?: string; message?: string };
    click?: { link?: string; ipAddress?: string; userAgent?: string };
  };
};
export type WebhookAnswer = { status: number; body: string };

function tagMessageId(tags: unknown): string | null {
  if (Array.isArray(tags)) {
    const t = tags.find((x) => (x as { name?: string })?.name === "message_id") as { value?: unknown } | undefined;
    return typeof t?.value === "string" ? t.value : null;
  }
  const v = (tags as Record<string, unknown> | null)?.message_id;
  return typeof v === "string" ? v : null;
}

async function findMessage(db: DbOrTx, data: NonNullable<Payload["data"]>) {
  const byProvider = data.email_id
    ? await db.select().from(emailMessages).where(eq(emailMessages.providerId, data.email_id)).limit(1)
    : [];
  if (byProvider[0]) return byProvider[0];
  const id = tagMessageId(data.tags);
  if (!id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db.select().from(emailMessages).where(eq(emailMessages.id, id)).limit(1);
  return row ?? null;
}

/**
 * POST /api/webhooks/resend: verifies the Svix signature, then records the event once per
 * webhook id (a redelivery answers 200 and records nothing). A hard bounce or a complaint
 * suppresses the address for the message's organisation.
 */
export async function handleResendWebhook(
  db: DbOrTx,
  headers: { id: string | null; timestamp: string | null; signature: string | null },
  body: string,
  now = Date.now(),
): Promise<WebhookAnswer> {
  const secret = emailConfig().webhookSecret;
  if (!secret || !verifySvix(secret, headers, body)) return { status: 401, body: "invalid signature" };
  let payload: Payload;
  try {
    payload = JSON.parse(body) as Payload;
  } catch {
    return { status: 400, body: "invalid JSON" };
  }
  const type = (payload.type ?? "").replace(/^email\./, "");
  const occurredAt =
    payload.created_at && !Number.isNaN(Date.parse(payload.created_at)) ? new Date(payload.created_at) : new Date(now);
  const message = payload.data ? await findMessage(db, payload.data) : null;

  const fresh = await db.transaction(async (tx) => {
    const receipt = await tx
      .insert(emailWebhookReceipts)
      .values({ webhookId: headers.id!, type: payload.type ?? "unknown" })
      .onConflictDoNothing()
      .returning({ id: emailWebhookReceipts.webhookId });
    if (!receipt.length) return false;
    if (!message || type === "opened" || type === "clicked") return true;
    const base = { orgId: message.orgId, messageId: message.id, contactId: message.contactId, occurredAt };
    if (type === "delivered" || type === "delivery_delayed" || type === "sent") {
      await tx.insert(emailEvents).values({ ...base, type, data: {} });
      if (type === "delivered") await advanceStatus(tx, message.orgId, message.id, "delivered");
    } else if (type === "bounced" || type === "complained") {
      const bounce = payload.data?.bounce;
      const hard = type === "complained" || !bounce?.type || /permanent|hard/i.test(bounce.type);
      await tx
        .insert(emailEvents)
        .values({ ...base, type, data: { bounceType: bounce?.type ?? null, message: bounce?.message ?? null } });
      if (hard) {
        await advanceStatus(tx, message.orgId, message.id, type);
        await tx
          .insert(emailSuppressions)
          .values({
            orgId: message.orgId,
            email: message.toEmail.toLowerCase(),
            reason: type === "bounced" ? "hard_bounce" : "complaint",
            messageId: message.id,
          })
          .onConflictDoUpdate({
            target: [emailSuppressions.orgId, emailSuppressions.email, emailSuppressions.reason],
            set: { active: true, messageId: message.id, createdAt: sql`now()` },
          });
        if (message.contactId) {
          await recordActivity(tx, {
            orgId: message.orgId,
            contactId: message.contactId,
            type: `email.${type}`,
            subjectType: "email_message",
            subjectId: message.id,
            occurredAt,
            data: {
              subject: message.subject,
              messageId: message.id,
              email: message.toEmail,
              bounceType: bounce?.type ?? null,
            },
          });
        }
      }
    }
    return true;
  });
  // Opens and clicks share the tracking path (status, timeline, events); the receipt above keeps them once.
  if (fresh && message && (type === "opened" || type === "clicked")) {
    const link = payload.data?.click?.link;
    await recordEngagement(
      db,
      message.orgId,
      message.id,
      type === "clicked" ? { kind: "clicked", url: link ?? "" } : { kind: "opened" },
      "webhook",
      { userAgent: payload.data?.click?.userAgent ?? null, ip: payload.data?.click?.ipAddress ?? null },
    );
  }
  return { status: 200, body: fresh ? "ok" : "duplicate" };
}
