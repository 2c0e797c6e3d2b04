import { and, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import {
  campaignRecipients,
  campaignSegments,
  campaignVariants,
  campaigns,
  contacts,
  emailMessages,
  orders,
  segmentMembers,
  segments,
} from "../schema";
import { systemActor, systemCtx } from "@/lib/actors";
import { decideTest } from "@/lib/campaigns/ab-test";
import { loadCampaign, type CampaignRow } from "@/lib/campaigns/campaigns";
import { freezeAudience } from "@/lib/campaigns/freeze";
import { campaignContent, recipientKey, syncRecipients } from "@/lib/campaigns/sending";
import { applyOutcomes, outgoing } from "@/lib/email/deliver";
import { prepareMessages } from "@/lib/email/prepare";
import { recordEngagement } from "@/lib/email/tracking";
import { localTransport } from "@/lib/email/transport/local";

const HOUR = 3_600_000;
/** The static segment the demo campaign went to (besides the saved segments of demo-segments.ts). */
export const DEMO_CAMPAIGN_SEGMENT = "Winter mailing list";
const PERSON = {
  userAgent:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  ip: "198.51.100.23",
};

/**
 * A campaign to the shop's mailing list sent three days before the seed's now, with an A/B test on the
 * subject and a holdout, through the real path (freeze, store, hand over, decide, track) but
 * always to the local outbox, like the other demo email. A few recipients open, click and order,
 * so the report, its variants and the holdout comparison have something to show.
 */
export async function insertDemoCampaign(db: DbOrTx, orgId: string, now: Date, ownerId: string) {
  // The shop's mailing list: a static segment of 120 customers who have not unsubscribed (a repeatable pick).
  const list = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), ne(contacts.marketingConsent, "unsubscribed"), isNotNull(contacts.email)))
    .orderBy(sql`md5(${contacts.email})`)
    .limit(120);
  if (!list.length) return;
  const [segment] = await db
    .insert(segments)
    .values({
      orgId,
      name: DEMO_CAMPAIGN_SEGMENT,
      description: "Customers who signed up for the winter offers in the shop.",
      kind: "static",
      memberCount: list.length,
      createdById: ownerId,
    })
    .returning({ id: segments.id });
  await db.insert(segmentMembers).values(list.map((p) => ({ orgId, segmentId: segment!.id, contactId: p.id })));
  const startedAt = new Date(+now - 72 * HOUR);
  const [row] = await db
    .insert(campaigns)
    .values({
      orgId,
      name: "Winter offers",
      status: "sending",
      category: "marketing",
      topicKey: "promotions",
      subject: "A winter treat, {{contact.first_name}}",
      preheader: "Twenty percent off until Sunday",
      body: 'Hi {{contact.first_name | "there"}},\n\nA thank-you for being one of our best customers: twenty percent off everything until Sunday.\n\n[See the offers](https://shop.example/winter)',
      scheduleMode: "now",
      holdoutPercent: 10,
      abTestPercent: 50,
      abMetric: "click_rate",
      abDecideAfterHours: 4,
      abFallbackVariant: "A",
      attributionWindowDays: 5,
      attributionBasis: "delivery",
      createdById: ownerId,
      createdAt: new Date(+startedAt - 24 * HOUR),
    })
    .returning();
  const c = row!;
  await db.insert(campaignSegments).values({ orgId, campaignId: c.id, segmentId: segment!.id });
  await db.insert(campaignVariants).values([
    { orgId, campaignId: c.id, key: "A" },
    { orgId, campaignId: c.id, key: "B", subject: "Only this week: 20% off for you, {{contact.first_name}}" },
  ]);
  await freezeAudience(db, c, startedAt);

  await sendOut(db, c, (r) => r.inTest, startedAt);
  await decideTest(db, await loadCampaign(db, orgId, c.id), new Date(+startedAt + 4 * HOUR + 60_000));
  await sendOut(db, await loadCampaign(db, orgId, c.id), (r) => !r.inTest, new Date(+startedAt + 4 * HOUR + 60_000));
  await syncRecipients(db, orgId, c.id);
  await db
    .update(campaigns)
    .set({ status: "sent", finishedAt: new Date(+startedAt + 4 * HOUR + 120_000) })
    .where(and(eq(campaigns.id, c.id), eq(campaigns.orgId, orgId)));

  // People reading it (opens, some clicks) and buying within the window; one in the holdout buys too.
  const recipients = await db
    .select()
    .from(campaignRecipients)
    .where(and(eq(campaignRecipients.orgId, orgId), eq(campaignRecipients.campaignId, c.id)))
    .orderBy(campaignRecipients.contactId);
  const reached = recipients.filter((r) => r.messageId && r.status === "sent");
  for (const [i, r] of reached.entries()) {
    if (i % 2 === 0) await recordEngagement(db, orgId, r.messageId!, { kind: "opened" }, "tracking", PERSON);
    if (i % 3 === 0)
      await recordEngagement(
        db,
        orgId,
        r.messageId!,
        { kind: "clicked", url: "https://shop.example/winter" },
        "tracking",
        PERSON,
      );
  }
  const buyers = [...reached.filter((_, i) => i % 4 === 1), ...recipients.filter((r) => r.holdout).slice(0, 1)];
  if (buyers.length)
    await db.insert(orders).values(
      buyers.map((r, i) => ({
        orgId,
        sourceOrderId: `demo-winter-${i + 1}`,
        contactId: r.contactId,
        amountMinor: 4_500 + ((i * 3_700) % 9_000),
        currency: "USD",
        occurredAt: new Date(+startedAt + (26 + i) * HOUR),
      })),
    );
}

/** Stores and hands over (to the local outbox) the chosen recipients' messages, each variant's content, dated `at`. */
async function sendOut(
  db: DbOrTx,
  c: CampaignRow,
  pick: (r: typeof campaignRecipients.$inferSelect) => boolean,
  at: Date,
) {
  const ctx = systemCtx(db, c.orgId, systemActor("demo_seed"));
  const rows = (
    await db
      .select()
      .from(campaignRecipients)
      .where(
        and(
          eq(campaignRecipients.orgId, c.orgId),
          eq(campaignRecipients.campaignId, c.id),
          eq(campaignRecipients.holdout, false),
        ),
      )
  ).filter(pick);
  for (const variant of [...new Set(rows.map((r) => r.variant))]) {
    const group = rows.filter((r) => r.variant === variant);
    const stored = await prepareMessages(
      ctx,
      await campaignContent(db, c, variant),
      group.map((r) => ({ recipient: { contactId: r.contactId }, idempotencyKey: recipientKey(c.id, r.contactId) })),
      { asBatch: true },
    );
    const queued = stored.filter((m) => m.status === "queued");
    if (queued.length) {
      const outcomes = await localTransport.sendBatch(
        queued.map((m) => outgoing(m)),
        `demo-campaign-${variant}`,
      );
      await applyOutcomes(db, queued, Array.isArray(outcomes) ? outcomes : queued.map(() => outcomes));
    }
    for (const m of stored)
      await db
        .update(campaignRecipients)
        .set({ messageId: m.id, handedAt: at })
        .where(
          and(
            eq(campaignRecipients.orgId, c.orgId),
            eq(campaignRecipients.campaignId, c.id),
            eq(campaignRecipients.contactId, m.contactId!),
          ),
        );
    const ids = stored.map((m) => m.id);
    if (ids.length)
      await db
        .update(emailMessages)
        .set({
          sentAt: sql`case when ${emailMessages.sentAt} is null then null else ${at.toISOString()}::timestamptz end`,
          createdAt: at,
        })
        .where(and(eq(emailMessages.orgId, c.orgId), inArray(emailMessages.id, ids)));
  }
}
