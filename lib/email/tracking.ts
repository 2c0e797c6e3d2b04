import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { emailEvents, emailMessages } from "@/db/schema";
import { recordActivity } from "../activity/record";
import { emitEvent } from "../events/emit";
import { STATUS_RANK, type MessageStatus } from "./types";
import { classifyEngagement, LINK_BURST_SECONDS } from "../analytics/machine-engagement";
import { byPerson } from "./human-engagement";

export type Engagement = { kind: "opened" } | { kind: "clicked"; url: string };
/** Who fetched the pixel or followed the link, as far as the request tells. */
export type EngagementClient = { userAgent: string | null; ip: string | null };

/** Moves a message's status forward only: a late "delivered" never hides an "opened". */
export async function advanceStatus(tx: DbOrTx, orgId: string, messageId: string, to: MessageStatus): Promise<boolean> {
  const lower = (Object.keys(STATUS_RANK) as MessageStatus[]).filter(
    (s) => STATUS_RANK[s] < STATUS_RANK[to] && s !== "queued" && s !== "failed" && s !== "suppressed",
  );
  const rows = await tx
    .update(emailMessages)
    .set({ status: to })
    .where(and(eq(emailMessages.id, messageId), eq(emailMessages.orgId, orgId), inArray(emailMessages.status, lower)))
    .returning({ id: emailMessages.id });
  return rows.length > 0;
}

/**
 * Records an open or a click of a sent message (from our pixel/redirect or Resend's webhook):
 * the email event and, when a person made it, the status, a timeline entry (first open; every
 * click) and the events `crm/email.opened|clicked` + `crm/contact.engaged`, in one transaction.
 */
export async function recordEngagement(
  db: DbOrTx,
  orgId: string,
  messageId: string,
  engagement: Engagement,
  source: "tracking" | "webhook",
  client: EngagementClient = { userAgent: null, ip: null },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [m] = await tx
      .select({
        id: emailMessages.id,
        contactId: emailMessages.contactId,
        subject: emailMessages.subject,
        status: emailMessages.status,
        sentAt: emailMessages.sentAt,
      })
      .from(emailMessages)
      .where(and(eq(emailMessages.id, messageId), eq(emailMessages.orgId, orgId)))
      .limit(1);
    if (!m) return false;
    const url = engagement.kind === "clicked" ? engagement.url : undefined;
    const [earlier] =
      engagement.kind === "opened"
        ? await tx
            .select({ id: emailEvents.id })
            .from(emailEvents)
            .where(and(eq(emailEvents.messageId, m.id), eq(emailEvents.type, "opened"), byPerson))
            .limit(1)
        : [];
    const verdict = await judge(tx, m, engagement, client);
    await tx.insert(emailEvents).values({
      orgId,
      messageId: m.id,
      contactId: m.contactId,
      type: engagement.kind,
      data: {
        source,
        ...(url ? { url } : {}),
        ...(verdict.machine ? { machine: true, machineReason: verdict.reason } : {}),
      },
    });
    // A proxy's or scanner's fetch is kept for analytics, but is not the customer's: the message
    // does not read "opened", and no timeline entry, score, branch or segment hears of it.
    if (verdict.machine) return true;
    await advanceStatus(tx, orgId, m.id, engagement.kind);
    // Mail clients reload pixels: only the first open by a person is news.
    if (earlier || !m.contactId) return true;
    await recordActivity(tx, {
      orgId,
      contactId: m.contactId,
      type: `email.${engagement.kind}`,
      subjectType: "email_message",
      subjectId: m.id,
      data: { subject: m.subject, messageId: m.id, ...(url ? { url } : {}) },
    });
    if (engagement.kind === "opened")
      await emitEvent(tx, "crm/email.opened", { orgId, contactId: m.contactId, messageId: m.id });
    else await emitEvent(tx, "crm/email.clicked", { orgId, contactId: m.contactId, messageId: m.id, url: url! });
    await emitEvent(tx, "crm/contact.engaged", { orgId, contactId: m.contactId, type: `email_${engagement.kind}` });
    return true;
  });
}

/** Machine or human: the facts come from this message's own events, read in the same transaction. */
async function judge(
  tx: DbOrTx,
  m: { id: string; sentAt: Date | null },
  engagement: Engagement,
  client: EngagementClient,
) {
  const now = new Date();
  const [facts] = await tx
    .select({
      deliveredAt: sql<string | null>`max(${emailEvents.occurredAt}) filter (where ${emailEvents.type} = 'delivered')`,
      human: sql<number>`count(*) filter (where ${emailEvents.type} in ('opened', 'clicked') and coalesce(${emailEvents.data}->>'machine', 'false') <> 'true')`,
      burst:
        engagement.kind === "clicked"
          ? sql<number>`count(*) filter (where ${emailEvents.type} = 'clicked' and ${emailEvents.data}->>'url' <> ${engagement.url} and ${emailEvents.occurredAt} > ${new Date(now.getTime() - LINK_BURST_SECONDS * 1000).toISOString()}::timestamptz)`
          : sql<number>`0`,
    })
    .from(emailEvents)
    .where(eq(emailEvents.messageId, m.id));
  const delivered = facts?.deliveredAt ? new Date(facts.deliveredAt) : m.sentAt;
  return classifyEngagement({
    kind: engagement.kind,
    userAgent: client.userAgent,
    ip: client.ip,
    deliveredAt: delivered,
    at: now,
    earlierHumanActivity: Number(facts?.human ?? 0) > 0,
    otherLinksClickedJustBefore: Number(facts?.burst ?? 0),
  });
}
