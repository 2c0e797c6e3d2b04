import { describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { activities, emailMessages } from "@/db/schema";
import { sendEmail } from "@/lib/email/send";
import { sendBulk } from "@/lib/email/bulk";
import { listMessages } from "@/lib/email/outbox";
import { ensureEmailDefaults } from "@/lib/email/topics";
import { getOrganization, toSettingsForm, updateOrganizationSettings } from "@/lib/orgs/settings";
import { createTestOrg, setupTestDb, type TestOrg } from "./helpers";
import { makeContact, marketingInput } from "../email/fixtures";

const db = setupTestDb();

async function org(requiresConsent: boolean) {
  const o = await createTestOrg(db());
  await ensureEmailDefaults(db(), o.orgId);
  if (requiresConsent) await setPolicy(o, true);
  return o;
}

/** As the Settings form does: everything else as it is, the box ticked or not. */
async function setPolicy(o: TestOrg, on: boolean) {
  const current = toSettingsForm(await getOrganization(o.owner.ctx));
  return updateOrganizationSettings(o.owner.ctx, { ...current, marketingRequiresConsent: on });
}

const transactional = (contactId: string, key: string) => ({
  ...marketingInput(contactId, key),
  category: "transactional" as const,
  topicKey: null,
});

describe("marketing email only to customers who said yes", () => {
  it("on: a Not asked customer's marketing message is stored suppressed with its reason and never sent; a subscribed one is sent; transactional mail is unaffected", async () => {
    const o = await org(true);
    const notAsked = await makeContact(db(), o.orgId, { marketingConsent: "unknown" });
    const yes = await makeContact(db(), o.orgId, { marketingConsent: "subscribed" });

    const held = await sendEmail(o.owner.ctx, marketingInput(notAsked.id, "m1"));
    expect(held).toMatchObject({ status: "suppressed", suppressionReason: "no_consent" });
    const [stored] = await db().select().from(emailMessages).where(eq(emailMessages.id, held.messageId));
    expect(stored).toMatchObject({
      status: "suppressed",
      suppressionReason: "no_consent",
      providerId: null,
      sentAt: null,
    });
    const [entry] = await db()
      .select()
      .from(activities)
      .where(and(eq(activities.contactId, notAsked.id), eq(activities.type, "email.suppressed")));
    expect(entry?.data).toMatchObject({ reason: "no_consent" });
    expect(
      (await listMessages(o.staff.ctx, { status: "suppressed" })).messages.map((m) => [
        m.contactId,
        m.suppressionReason,
      ]),
    ).toEqual([[notAsked.id, "no_consent"]]);

    expect(await sendEmail(o.owner.ctx, marketingInput(yes.id, "m2"))).toMatchObject({
      status: "sent",
      suppressionReason: null,
    });
    expect(await sendEmail(o.owner.ctx, transactional(notAsked.id, "t1"))).toMatchObject({
      status: "sent",
      suppressionReason: null,
    });
  });

  it("off (the default): a Not asked customer gets marketing email (soft opt-in)", async () => {
    const o = await org(false);
    expect((await getOrganization(o.owner.ctx)).marketingRequiresConsent).toBe(false);
    const notAsked = await makeContact(db(), o.orgId, { marketingConsent: "unknown" });
    expect(await sendEmail(o.owner.ctx, marketingInput(notAsked.id, "m1"))).toMatchObject({
      status: "sent",
      suppressionReason: null,
    });
  });

  it("turning it off again lets Not asked customers' marketing email go; an unsubscribed customer stays unsubscribed either way", async () => {
    const o = await org(true);
    const notAsked = await makeContact(db(), o.orgId, { marketingConsent: "unknown" });
    const gone = await makeContact(db(), o.orgId, { marketingConsent: "unsubscribed" });
    expect((await sendEmail(o.owner.ctx, marketingInput(gone.id, "g1"))).suppressionReason).toBe("unsubscribed");
    await setPolicy(o, false);
    expect((await sendEmail(o.owner.ctx, marketingInput(notAsked.id, "m1"))).status).toBe("sent");
    expect((await sendEmail(o.owner.ctx, marketingInput(gone.id, "g2"))).suppressionReason).toBe("unsubscribed");
  });

  it("bulk sends apply it to every recipient, and another organisation's setting does not leak in", async () => {
    const o = await org(true);
    const other = await org(false);
    const people = [
      await makeContact(db(), o.orgId, { marketingConsent: "subscribed" }),
      await makeContact(db(), o.orgId, { marketingConsent: "unknown" }),
      await makeContact(db(), o.orgId, { marketingConsent: "unknown" }),
    ];
    const { messageIds, ...counts } = await sendBulk(
      o.owner.ctx,
      { ...marketingInput("", ""), recipient: undefined } as never,
      people.map((p, i) => ({ recipient: { contactId: p.id }, idempotencyKey: `bulk:${i}` })),
    );
    expect(counts).toMatchObject({ sent: 1, suppressed: 2, failed: 0 });
    const rows = await db()
      .select({
        contactId: emailMessages.contactId,
        status: emailMessages.status,
        reason: emailMessages.suppressionReason,
      })
      .from(emailMessages)
      .where(inArray(emailMessages.id, messageIds));
    expect(rows.filter((r) => r.status === "suppressed").map((r) => r.reason)).toEqual(["no_consent", "no_consent"]);

    const theirs = await makeContact(db(), other.orgId, { marketingConsent: "unknown" });
    expect((await sendEmail(other.owner.ctx, marketingInput(theirs.id, "o1"))).status).toBe("sent");
  });
});
