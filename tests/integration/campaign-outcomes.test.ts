import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { campaignRecipients, campaigns, contacts, emailEvents, emailMessages, orders } from "@/db/schema";
import { campaignOutcomes, campaignsOutcomes } from "@/lib/campaigns/outcomes";
import { createTestOrg, setupTestDb } from "./helpers";

const db = setupTestDb();
const HOUR = 3_600_000;
const T0 = Date.parse("2026-11-20T10:00:00Z");

/** Two campaigns of one organisation, written row by row so the numbers can be counted by hand. */
async function twoCampaigns() {
  const org = await createTestOrg(db());
  const person = async (firstName: string) =>
    (await db().insert(contacts).values({ orgId: org.orgId, firstName }).returning({ id: contacts.id }))[0]!.id;
  const [ana, ben, cy, dee] = [await person("Ana"), await person("Ben"), await person("Cy"), await person("Dee")];
  const campaign = async (name: string, startedAt: number) =>
    (
      await db()
        .insert(campaigns)
        .values({
          orgId: org.orgId,
          name,
          status: "sent",
          frozenAt: new Date(startedAt),
          startedAt: new Date(startedAt),
        })
        .returning()
    )[0]!;
  const spring = await campaign("Spring", T0);
  const summer = await campaign("Summer", T0 + 48 * HOUR);
  /** A recipient whose message left at `sentAt` (none when held out), with people's and machines' events. */
  const recipient = async (
    c: typeof spring,
    contactId: string,
    sentAt: number,
    events: { type: string; after: number; machine?: boolean }[] = [],
    holdout = false,
  ) => {
    let messageId: string | null = null;
    if (!holdout) {
      messageId = (
        await db()
          .insert(emailMessages)
          .values({
            orgId: org.orgId,
            contactId,
            toEmail: "x@example.test",
            category: "marketing",
            status: "sent",
            subject: c.name,
            html: "",
            text: "",
            sourceType: "campaign",
            idempotencyKey: crypto.randomUUID(),
            sentAt: new Date(sentAt),
          })
          .returning({ id: emailMessages.id })
      )[0]!.id;
      for (const e of events)
        await db()
          .insert(emailEvents)
          .values({
            orgId: org.orgId,
            messageId,
            contactId,
            type: e.type,
            data: e.machine ? { machine: true, machineReason: "link_scanner" } : {},
            occurredAt: new Date(sentAt + e.after),
          });
    }
    await db()
      .insert(campaignRecipients)
      .values({
        orgId: org.orgId,
        campaignId: c.id,
        contactId,
        zone: "org",
        dueAt: new Date(sentAt),
        holdout,
        messageId,
      });
  };
  const order = (contactId: string, at: number, amountMinor: number) =>
    db()
      .insert(orders)
      .values({
        orgId: org.orgId,
        sourceOrderId: crypto.randomUUID(),
        contactId,
        amountMinor,
        currency: "USD",
        occurredAt: new Date(at),
      });

  // Spring: Ana clicks and buys within the window; Cy's mail is only clicked by a scanner; Dee is held out and buys.
  await recipient(spring, ana, T0, [
    { type: "opened", after: HOUR },
    { type: "clicked", after: 2 * HOUR },
  ]);
  await recipient(spring, cy, T0, [{ type: "clicked", after: 2_000, machine: true }]);
  await recipient(spring, dee, T0, [], true);
  await order(ana, T0 + 3 * HOUR, 5_000);
  await order(dee, T0 + 4 * HOUR, 700);
  // Summer: Ben opens but never clicks; he bought before Summer started. Ana is not in Summer.
  await recipient(summer, ben, T0 + 48 * HOUR, [{ type: "opened", after: HOUR }]);
  await recipient(summer, cy, T0 + 48 * HOUR);
  await order(ben, T0 + 5 * HOUR, 9_900);
  return { org, spring, summer, cy, dee };
}

describe("campaign outcomes", () => {
  it("counts people's opens and clicks, attributes only a click's conversions, and keeps each campaign's customers its own", async () => {
    const { org, spring, summer, cy, dee } = await twoCampaigns();
    const asOf = new Date(T0 + 72 * HOUR);
    const both = await campaignsOutcomes(db(), [spring, summer], asOf);
    expect(both.get(spring.id)).toMatchObject({
      recipients: 2,
      openedPeople: 1,
      clickedPeople: 1,
      converters: 1,
      conversions: 1,
      revenueMinor: 5_000,
    });
    expect(both.get(spring.id)!.uplift).toMatchObject({ holdout: { customers: 1, converters: 1 } });
    // Ana's order belongs to Spring, Ben's came before Summer: Summer earned nothing.
    expect(both.get(summer.id)).toMatchObject({
      recipients: 2,
      openedPeople: 1,
      clickedPeople: 0,
      converters: 0,
      revenueMinor: 0,
      uplift: null,
    });
    // Read together or one by one, the numbers are the same.
    expect(await campaignOutcomes(db(), spring, asOf)).toEqual(both.get(spring.id));
    expect(await campaignOutcomes(db(), summer, asOf)).toEqual(both.get(summer.id));

    // Later a person opens and clicks Cy's Summer mail, a scanner clicks Ben's: Summer counts Cy's only.
    const summerMail = await db()
      .select({ messageId: campaignRecipients.messageId, contactId: campaignRecipients.contactId })
      .from(campaignRecipients)
      .where(eq(campaignRecipients.campaignId, summer.id));
    const cyMail = summerMail.find((r) => r.contactId === cy)!;
    const benMail = summerMail.find((r) => r.contactId !== cy)!;
    const later = (messageId: string | null, contactId: string, type: string, machine = false) =>
      db()
        .insert(emailEvents)
        .values({
          orgId: org.orgId,
          messageId,
          contactId,
          type,
          data: machine ? { machine: true, machineReason: "link_scanner" } : {},
          occurredAt: new Date(T0 + 50 * HOUR),
        });
    await later(cyMail.messageId, cy, "clicked");
    await later(benMail.messageId, benMail.contactId, "clicked", true);
    expect(await campaignOutcomes(db(), summer, asOf)).toMatchObject({ openedPeople: 2, clickedPeople: 1 });

    // A message linked while it waits counts once it leaves, and not before.
    const [waiting] = await db()
      .insert(emailMessages)
      .values({
        orgId: org.orgId,
        contactId: dee,
        toEmail: "dee@example.test",
        category: "marketing",
        status: "queued",
        subject: "Summer",
        html: "",
        text: "",
        sourceType: "campaign",
        idempotencyKey: crypto.randomUUID(),
      })
      .returning({ id: emailMessages.id });
    await db()
      .insert(campaignRecipients)
      .values({
        orgId: org.orgId,
        campaignId: summer.id,
        contactId: dee,
        zone: "org",
        dueAt: new Date(T0 + 48 * HOUR),
        messageId: waiting!.id,
      });
    expect((await campaignOutcomes(db(), summer, asOf)).recipients).toBe(2);
    await db()
      .update(emailMessages)
      .set({ status: "sent", sentAt: new Date(T0 + 49 * HOUR) })
      .where(eq(emailMessages.id, waiting!.id));
    expect((await campaignOutcomes(db(), summer, asOf)).recipients).toBe(3);
  });

  it("reads one organisation's campaigns only", async () => {
    const a = await twoCampaigns();
    const b = await twoCampaigns();
    await expect(campaignsOutcomes(db(), [a.spring, b.summer], new Date())).rejects.toThrow("one organisation");
  });
});
