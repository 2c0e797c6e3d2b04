import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaignRecipients, emailMessages, organizations, segmentMembers, segments } from "@/db/schema";
import { createTestOrg } from "../integration/helpers";
import { makeContact, withEmailDefaults } from "../email/fixtures";

/** A static segment written directly, with these customers in it. */
export async function makeSegment(
  db: Db,
  orgId: string,
  contactIds: string[],
  name = `Seg ${randomUUID().slice(0, 6)}`,
) {
  const [s] = await db
    .insert(segments)
    .values({ orgId, name, kind: "static", memberCount: contactIds.length })
    .returning();
  if (contactIds.length)
    await db.insert(segmentMembers).values(contactIds.map((contactId) => ({ orgId, segmentId: s!.id, contactId })));
  return s!;
}

/** An organisation in UTC with no quiet hours and no cap, its email defaults, and the given customers. */
export async function campaignOrg(db: Db, org: Partial<typeof organizations.$inferInsert> = {}) {
  const o = await createTestOrg(db);
  await db
    .update(organizations)
    .set({ timeZone: "UTC", quietHoursStart: null, quietHoursEnd: null, frequencyCapCount: null, ...org })
    .where(eq(organizations.id, o.orgId));
  await withEmailDefaults(db, o.orgId);
  const customer = (overrides: Parameters<typeof makeContact>[2] = {}) =>
    makeContact(db, o.orgId, { firstName: `C${randomUUID().slice(0, 4)}`, ...overrides });
  return { ...o, customer };
}

export const draft = (segmentIds: string[], extra: Record<string, unknown> = {}) => ({
  name: `Spring sale ${randomUUID().slice(0, 6)}`,
  category: "promotions",
  segmentIds,
  subject: "Hello {{contact.first_name}}",
  preheader: "Twenty percent off this week",
  body: "Hi {{contact.first_name}},\n\nSee [our offers](https://shop.example/offers).",
  ...extra,
});

export async function recipientsOf(db: Db, orgId: string, campaignId: string) {
  return db
    .select()
    .from(campaignRecipients)
    .where(and(eq(campaignRecipients.orgId, orgId), eq(campaignRecipients.campaignId, campaignId)))
    .orderBy(asc(campaignRecipients.contactId));
}

export async function campaignMessages(db: Db, orgId: string, campaignId: string) {
  return db
    .select()
    .from(emailMessages)
    .where(and(eq(emailMessages.orgId, orgId), eq(emailMessages.sourceId, campaignId)));
}
