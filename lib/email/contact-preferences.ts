import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { contacts, emailSuppressions, emailTopicOptOuts, emailTopics } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import { NotFoundError } from "../errors";
import { recordActivity } from "../activity/record";
import { emitEvent } from "../events/emit";
import { loadContact } from "../customers/load";
import { changePreferences } from "./unsubscribe";
import { actedBy, userIdOf } from "../actors";
import { recordAudit } from "../audit/record";

/** What the customer profile shows about email: topics, do-not-contact, bounce/complaint blocks. */
export async function contactEmailPreferences(ctx: Ctx, contactId: unknown) {
  requirePermission(ctx.actor, "customers:read");
  const contact = await loadContact(ctx.db, ctx.orgId, contactId);
  const [topics, optOuts, suppressions] = await Promise.all([
    ctx.db
      .select({ key: emailTopics.key, name: emailTopics.name })
      .from(emailTopics)
      .where(eq(emailTopics.orgId, ctx.orgId))
      .orderBy(asc(emailTopics.name)),
    ctx.db
      .select({ topicKey: emailTopicOptOuts.topicKey })
      .from(emailTopicOptOuts)
      .where(and(eq(emailTopicOptOuts.orgId, ctx.orgId), eq(emailTopicOptOuts.contactId, contact.id))),
    contact.email
      ? ctx.db
          .select({ reason: emailSuppressions.reason, createdAt: emailSuppressions.createdAt })
          .from(emailSuppressions)
          .where(
            and(
              eq(emailSuppressions.orgId, ctx.orgId),
              eq(emailSuppressions.email, contact.email.toLowerCase()),
              eq(emailSuppressions.active, true),
            ),
          )
      : [],
  ]);
  const out = new Set(optOuts.map((o) => o.topicKey));
  return {
    contactId: contact.id,
    consent: contact.marketingConsent,
    doNotContact: contact.doNotContact,
    topics: topics.map((t) => ({ ...t, subscribed: !out.has(t.key) })),
    suppressions,
  };
}

const topicChange = z.object({ contactId: z.uuid(), topicKey: z.string().min(1), subscribed: z.boolean() });

/** Staff change a topic for a customer (e.g. asked by phone); same path and event as the unsubscribe link. */
export async function setContactTopic(ctx: Ctx, input: unknown): Promise<void> {
  requirePermission(ctx.actor, "customers:write");
  const d = topicChange.parse(input);
  const ok = await changePreferences(
    ctx.db,
    { orgId: ctx.orgId, contactId: d.contactId, messageId: null, topicKey: d.topicKey },
    d.subscribed
      ? { action: "resubscribe_topic", topicKey: d.topicKey }
      : { action: "unsubscribe_topic", topicKey: d.topicKey },
    "staff",
    ctx.actor,
  );
  if (!ok) throw new NotFoundError("That customer or topic");
}

const dncChange = z.object({ contactId: z.uuid(), doNotContact: z.boolean() });

export async function setDoNotContact(ctx: Ctx, input: unknown): Promise<void> {
  requirePermission(ctx.actor, "customers:write");
  const d = dncChange.parse(input);
  await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .update(contacts)
      .set({ doNotContact: d.doNotContact, updatedAt: sql`now()` })
      .where(and(eq(contacts.id, d.contactId), eq(contacts.orgId, ctx.orgId)))
      .returning({ id: contacts.id });
    if (!rows.length) throw new NotFoundError("That customer");
    await recordActivity(tx, {
      orgId: ctx.orgId,
      contactId: d.contactId,
      type: "email.do_not_contact",
      ...actedBy(ctx.actor),
      data: { on: d.doNotContact },
    });
    await recordAudit(tx, ctx, {
      action: "customer.consent_changed",
      target: { id: d.contactId },
      before: { doNotContact: !d.doNotContact },
      after: { doNotContact: d.doNotContact },
    });
    await emitEvent(tx, "crm/contact.updated", {
      orgId: ctx.orgId,
      contactIds: [d.contactId],
      actorId: userIdOf(ctx.actor),
    });
  });
}
