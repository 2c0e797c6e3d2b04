import { and, asc, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { contacts, emailEvents, emailTopicOptOuts, emailTopics, organizations } from "@/db/schema";
import { recordActivity } from "../activity/record";
import { emitEvent } from "../events/emit";
import type { UnsubscribeClaims } from "./links";
import { actedBy, systemActor, userIdOf } from "../actors";
import type { Actor } from "../context";
import { recordAudit } from "../audit/record";

export type PreferenceChange =
  | { action: "unsubscribe_topic"; topicKey: string }
  | { action: "resubscribe_topic"; topicKey: string }
  | { action: "unsubscribe_all" }
  | { action: "resubscribe_all" };

export type Via = "one_click" | "page" | "staff";

/** What the public preference page shows; null when the token's org or contact is gone. */
export async function loadPreferences(db: DbOrTx, claims: UnsubscribeClaims) {
  const [row] = await db
    .select({ orgName: organizations.name, email: contacts.email, consent: contacts.marketingConsent })
    .from(contacts)
    .innerJoin(organizations, eq(organizations.id, contacts.orgId))
    .where(and(eq(contacts.id, claims.contactId), eq(contacts.orgId, claims.orgId)))
    .limit(1);
  if (!row) return null;
  const [topics, optOuts] = await Promise.all([
    db
      .select({ key: emailTopics.key, name: emailTopics.name, description: emailTopics.description })
      .from(emailTopics)
      .where(eq(emailTopics.orgId, claims.orgId))
      .orderBy(asc(emailTopics.name)),
    db
      .select({ topicKey: emailTopicOptOuts.topicKey })
      .from(emailTopicOptOuts)
      .where(and(eq(emailTopicOptOuts.orgId, claims.orgId), eq(emailTopicOptOuts.contactId, claims.contactId))),
  ]);
  const out = new Set(optOuts.map((o) => o.topicKey));
  return {
    orgName: row.orgName,
    maskedEmail: maskEmail(row.email),
    unsubscribedFromAll: row.consent === "unsubscribed",
    topics: topics.map((t) => ({ ...t, subscribed: !out.has(t.key) })),
    topicKey: claims.topicKey,
  };
}
export type Preferences = NonNullable<Awaited<ReturnType<typeof loadPreferences>>>;

function maskEmail(email: string | null): string {
  if (!email) return "";
  const [user = "", domain = ""] = email.split("@");
  return `${user.slice(0, 1)}${"•".repeat(Math.max(1, Math.min(6, user.length - 1)))}@${domain}`;
}

/**
 * Applies one preference change for the token's contact, in one transaction with its timeline
 * entry, email event and (for opt-outs) `crm/contact.unsubscribed`. Repeating a change already in
 * effect writes nothing. Returns false when the contact or topic is gone.
 */
export async function changePreferences(
  db: DbOrTx,
  claims: UnsubscribeClaims,
  change: PreferenceChange,
  via: Via,
  actor: Actor = systemActor("unsubscribe"),
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [contact] = await tx
      .select({
        id: contacts.id,
        firstName: contacts.firstName,
        lastName: contacts.lastName,
        email: contacts.email,
        consent: contacts.marketingConsent,
      })
      .from(contacts)
      .where(and(eq(contacts.id, claims.contactId), eq(contacts.orgId, claims.orgId)))
      .for("update");
    if (!contact) return false;
    const topicKey = "topicKey" in change ? change.topicKey : null;
    let topicName: string | null = null;
    if (topicKey) {
      const [topic] = await tx
        .select({ name: emailTopics.name })
        .from(emailTopics)
        .where(and(eq(emailTopics.orgId, claims.orgId), eq(emailTopics.key, topicKey)));
      if (!topic) return false;
      topicName = topic.name;
    }
    const changed = await apply(tx, claims, change);
    if (!changed) return true;
    const unsubscribed = change.action.startsWith("unsubscribe");
    const type = unsubscribed ? "unsubscribed" : "resubscribed";
    const data = { topicKey, topicName, messageId: claims.messageId, via };
    const what = topicKey ? `topic:${topicKey}` : "allEmail";
    await recordAudit(
      tx,
      { orgId: claims.orgId, actor, db: tx },
      {
        action: "customer.consent_changed",
        target: { id: claims.contactId, label: `${contact.firstName} ${contact.lastName}`.trim() },
        before: { [what]: unsubscribed ? "subscribed" : "unsubscribed" },
        after: { [what]: unsubscribed ? "unsubscribed" : "subscribed" },
        data: { via, messageId: claims.messageId },
      },
    );
    await recordActivity(tx, {
      orgId: claims.orgId,
      contactId: claims.contactId,
      type: `email.${type}`,
      ...actedBy(actor),
      subjectType: claims.messageId ? "email_message" : null,
      subjectId: claims.messageId,
      data,
    });
    await tx
      .insert(emailEvents)
      .values({ orgId: claims.orgId, messageId: claims.messageId, contactId: claims.contactId, type, data });
    // Re-subscribing is no opt-out (playbooks must not stop) but segments on opt-outs must follow.
    if (unsubscribed)
      await emitEvent(tx, "crm/contact.unsubscribed", {
        orgId: claims.orgId,
        contactId: claims.contactId,
        topicKey,
        messageId: claims.messageId,
      });
    else
      await emitEvent(tx, "crm/contact.updated", {
        orgId: claims.orgId,
        contactIds: [claims.contactId],
        actorId: userIdOf(actor),
      });
    return true;
  });
}

async function apply(tx: DbOrTx, claims: UnsubscribeClaims, change: PreferenceChange): Promise<boolean> {
  const { orgId, contactId } = claims;
  switch (change.action) {
    case "unsubscribe_topic": {
      const rows = await tx
        .insert(emailTopicOptOuts)
        .values({ orgId, contactId, topicKey: change.topicKey, messageId: claims.messageId })
        .onConflictDoNothing()
        .returning({ k: emailTopicOptOuts.topicKey });
      return rows.length > 0;
    }
    case "resubscribe_topic": {
      const rows = await tx
        .delete(emailTopicOptOuts)
        .where(
          and(
            eq(emailTopicOptOuts.orgId, orgId),
            eq(emailTopicOptOuts.contactId, contactId),
            eq(emailTopicOptOuts.topicKey, change.topicKey),
          ),
        )
        .returning({ k: emailTopicOptOuts.topicKey });
      return rows.length > 0;
    }
    case "unsubscribe_all":
    case "resubscribe_all": {
      const to = change.action === "unsubscribe_all" ? "unsubscribed" : "subscribed";
      const rows = await tx
        .update(contacts)
        .set({ marketingConsent: to, updatedAt: new Date() })
        .where(and(eq(contacts.id, contactId), eq(contacts.orgId, orgId), ne(contacts.marketingConsent, to)))
        .returning({ id: contacts.id });
      return rows.length > 0;
    }
  }
}
