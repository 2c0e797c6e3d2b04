import { describe, expect, it } from "vitest";
import {
  campaignRecipients,
  campaigns,
  contacts,
  emailMessages,
  emailSuppressions,
  emailTopicOptOuts,
  emailTopics,
} from "@/db/schema";
import { systemActor } from "@/lib/actors";
import { createDispatcher } from "@/lib/email/dispatch";
import { prepareMessages } from "@/lib/email/prepare";
import { campaignContent, recipientKey, sendDue, syncRecipients } from "@/lib/campaigns/sending";
import { and, eq } from "drizzle-orm";
import { deleteTopic } from "@/lib/email/topics";
import {
  audienceList,
  audienceNumbers,
  cancelCampaign,
  campaignProgress,
  createCampaign,
  deleteCampaign,
  getCampaign,
  listCampaigns,
  pauseCampaign,
  previewCampaign,
  resumeCampaign,
  scheduleCampaign,
  updateCampaign,
} from "@/lib/campaigns";
import { freezeAudience, settleZones } from "@/lib/campaigns/freeze";
import { zonedInstant } from "@/lib/playbooks/zoned-time";
import { loadCampaign } from "@/lib/campaigns/campaigns";
import { deleteSegment } from "@/lib/segments/segments";
import { clockNow } from "@/inngest/local/clock";
import { sweepQueuedEmail } from "@/inngest/functions/email-retry-queued";
import { setupTestDb, uniqueEmail } from "./helpers";
import { campaignMessages, campaignOrg, draft, makeSegment, recipientsOf } from "../campaigns/fixtures";

const db = setupTestDb();

describe("campaigns: access", () => {
  it("another organisation gets not found; reps and staff read but cannot create, schedule or cancel", async () => {
    const o = await campaignOrg(db());
    const other = await campaignOrg(db());
    const c1 = await o.customer();
    const seg = await makeSegment(db(), o.orgId, [c1.id]);
    const { id } = await createCampaign(o.owner.ctx, draft([seg.id]));

    await expect(getCampaign(other.owner.ctx, id)).rejects.toThrow("That campaign was not found.");
    await expect(audienceNumbers(other.owner.ctx, id)).rejects.toThrow("not found");
    await expect(scheduleCampaign(other.owner.ctx, id, { mode: "now" })).rejects.toThrow("not found");
    await expect(cancelCampaign(other.owner.ctx, id)).rejects.toThrow("not found");
    expect((await listCampaigns(other.owner.ctx)).map((c) => c.id)).not.toContain(id);
    // Another organisation's segment cannot be the audience either.
    await expect(createCampaign(other.owner.ctx, draft([seg.id]))).rejects.toThrow("That segment was not found.");

    for (const who of [o.rep, o.staff]) {
      expect((await getCampaign(who.ctx, id)).id).toBe(id);
      expect((await listCampaigns(who.ctx)).map((c) => c.id)).toEqual([id]);
      await expect(createCampaign(who.ctx, draft([seg.id]))).rejects.toThrow("permission");
      await expect(updateCampaign(who.ctx, id, draft([seg.id]))).rejects.toThrow("permission");
      await expect(scheduleCampaign(who.ctx, id, { mode: "now" })).rejects.toThrow("permission");
      await expect(pauseCampaign(who.ctx, id)).rejects.toThrow("permission");
      await expect(cancelCampaign(who.ctx, id)).rejects.toThrow("permission");
    }
    expect((await loadCampaign(db(), o.orgId, id)).status).toBe("draft");
  });

  it("bad input names the field; a segment used by a campaign cannot be deleted and the message names it", async () => {
    const o = await campaignOrg(db());
    const seg = await makeSegment(db(), o.orgId, []);
    await expect(createCampaign(o.owner.ctx, draft([seg.id], { subject: "", name: "" }))).rejects.toMatchObject({
      issues: expect.arrayContaining([
        expect.objectContaining({ path: ["name"] }),
        expect.objectContaining({ path: ["subject"] }),
      ]),
    });
    await expect(createCampaign(o.owner.ctx, draft([seg.id], { category: "nope" }))).rejects.toMatchObject({
      fieldErrors: { category: "There is no topic “nope”" },
    });
    const { id } = await createCampaign(o.owner.ctx, draft([seg.id], { name: "Winter letter" }));
    await expect(deleteSegment(o.owner.ctx, seg.id)).rejects.toThrow("campaign “Winter letter”");
    const [topic] = await db()
      .select()
      .from(emailTopics)
      .where(and(eq(emailTopics.orgId, o.orgId), eq(emailTopics.key, "promotions")));
    await expect(deleteTopic(o.owner.ctx, topic!.id)).rejects.toThrow("campaign “Winter letter”");
    await deleteCampaign(o.owner.ctx, id);
    await deleteSegment(o.owner.ctx, seg.id);
  });
});

describe("campaigns: audience in numbers", () => {
  it("counts the eligible and each reason someone will not get it, and lists the customers behind each number", async () => {
    const o = await campaignOrg(db(), { frequencyCapCount: 1, frequencyCapDays: 7 });
    // Quiet hours around the executor's now for one customer, hours away for another (any time of day).
    const hhmm = (hoursFromNow: number) => new Date(+clockNow() + hoursFromNow * 3_600_000).toISOString().slice(11, 16);
    const ok = await o.customer({ timeZone: "UTC", quietHoursStart: hhmm(3), quietHoursEnd: hhmm(4) });
    const quiet = await o.customer({ timeZone: "UTC", quietHoursStart: hhmm(-1), quietHoursEnd: hhmm(1) });
    const unsubscribed = await o.customer({ marketingConsent: "unsubscribed" });
    const topicOut = await o.customer();
    const dnc = await o.customer({ doNotContact: true });
    const noEmail = await o.customer({ email: null });
    const bounced = await o.customer();
    const complained = await o.customer();
    const capped = await o.customer();
    const excluded = await o.customer();
    const all = [ok, quiet, unsubscribed, topicOut, dnc, noEmail, bounced, complained, capped, excluded];
    await db().insert(emailTopicOptOuts).values({ orgId: o.orgId, contactId: topicOut.id, topicKey: "promotions" });
    await db()
      .insert(emailSuppressions)
      .values([
        { orgId: o.orgId, email: bounced.email!.toLowerCase(), reason: "hard_bounce" },
        { orgId: o.orgId, email: complained.email!.toLowerCase(), reason: "complaint" },
      ]);
    // One marketing email this week already: the cap (1 per 7 days) holds them back.
    const { sendEmail } = await import("@/lib/email/send");
    const { marketingInput } = await import("../email/fixtures");
    await sendEmail(o.owner.ctx, marketingInput(capped.id, `cap-${capped.id}`));

    const segA = await makeSegment(db(), o.orgId, all.map((c) => c.id).slice(0, 6));
    const segB = await makeSegment(db(), o.orgId, all.map((c) => c.id).slice(4)); // overlaps: counted once
    const minus = await makeSegment(db(), o.orgId, [excluded.id]);
    const { id } = await createCampaign(o.owner.ctx, draft([segA.id, segB.id], { excludedSegmentIds: [minus.id] }));

    const n = await audienceNumbers(o.rep.ctx, id);
    expect(n.total).toBe(9);
    expect(n.eligible).toBe(2);
    expect(n.deferredByQuietHours).toBe(1);
    expect(n.excluded).toEqual({
      unsubscribed: 1,
      topic_unsubscribed: 1,
      no_consent: 0,
      bounced: 1,
      complained: 1,
      do_not_contact: 1,
      no_email: 1,
      frequency_cap: 1,
    });
    expect((await audienceList(o.owner.ctx, id, "frequency_cap")).rows.map((r) => r.id)).toEqual([capped.id]);
    expect((await audienceList(o.owner.ctx, id, "deferred")).rows.map((r) => r.id)).toEqual([quiet.id]);
    expect((await audienceList(o.owner.ctx, id, "eligible")).rows.map((r) => r.id).sort()).toEqual(
      [ok.id, quiet.id].sort(),
    );

    // Consent required by the organisation: the never-asked customer is held back; exempt from the cap: counted.
    const { organizations } = await import("@/db/schema");
    await db().update(organizations).set({ marketingRequiresConsent: true }).where(eq(organizations.id, o.orgId));
    const { contacts } = await import("@/db/schema");
    await db().update(contacts).set({ marketingConsent: "unknown" }).where(eq(contacts.id, ok.id));
    await db().update(campaigns).set({ capExempt: true }).where(eq(campaigns.id, id));
    const m = await audienceNumbers(o.owner.ctx, id);
    expect(m.excluded.no_consent).toBe(1);
    expect(m.excluded.frequency_cap).toBe(0);
    expect(m.eligible).toBe(2); // quiet (deferred) and capped (now exempt)
  });

  it("previews as a customer of the audience with the sender and the preheader", async () => {
    const o = await campaignOrg(db());
    const c = await o.customer({ firstName: "Zoë" });
    const seg = await makeSegment(db(), o.orgId, [c.id]);
    const { id } = await createCampaign(o.owner.ctx, draft([seg.id]));
    const p = await previewCampaign(o.rep.ctx, id, c.id);
    expect(p).toMatchObject({ subject: "Hello Zoë", as: { id: c.id }, preheader: "Twenty percent off this week" });
    expect(p!.html).toContain("Twenty percent off this week");
    expect(p!.from).toContain("@");
  });
});

describe("campaigns: the frozen audience", () => {
  it("is one row per customer, the holdout an exact share; freezing twice changes nothing", async () => {
    const o = await campaignOrg(db());
    const people = await Promise.all(Array.from({ length: 20 }, () => o.customer()));
    const segA = await makeSegment(db(), o.orgId, people.map((p) => p.id).slice(0, 15));
    const segB = await makeSegment(db(), o.orgId, people.map((p) => p.id).slice(5));
    const { id } = await createCampaign(o.owner.ctx, draft([segA.id, segB.id], { holdoutPercent: 10 }));
    await scheduleCampaign(o.owner.ctx, id, { mode: "now" });
    const c = await loadCampaign(db(), o.orgId, id);
    expect(await freezeAudience(db(), c, clockNow())).toBe(20);
    const first = await recipientsOf(db(), o.orgId, id);
    expect(new Set(first.map((r) => r.contactId)).size).toBe(20);
    expect(first.filter((r) => r.holdout)).toHaveLength(2);
    expect(first.filter((r) => r.holdout).every((r) => r.status === "suppressed" && r.reason === "holdout")).toBe(true);
    expect((await loadCampaign(db(), o.orgId, id)).status).toBe("sending");

    // A retried step, and a second freeze even with the claim cleared: still the same rows.
    expect(await freezeAudience(db(), c, clockNow())).toBe(20);
    await db().update(campaigns).set({ frozenAt: null }).where(eq(campaigns.id, id));
    expect(await freezeAudience(db(), c, clockNow())).toBe(20);
    const again = await recipientsOf(db(), o.orgId, id);
    expect(again.map((r) => [r.id, r.contactId, r.holdout])).toEqual(first.map((r) => [r.id, r.contactId, r.holdout]));

    // Once sending, the content is frozen too.
    await expect(updateCampaign(o.owner.ctx, id, draft([segA.id]))).rejects.toThrow("can no longer change");
  });
});

describe("campaigns: zones at the freeze", () => {
  it("writes each customer's zone and local due time with the row (an invalid zone falls back to the organisation's); a row whose zone was not planned is corrected", async () => {
    const o = await campaignOrg(db(), { timeZone: "Europe/Berlin" });
    const kolkata = await o.customer({ timeZone: "Asia/Kolkata" });
    const invalid = await o.customer({ timeZone: "Mars/Olympus" });
    const none = await o.customer({ timeZone: null });
    const seg = await makeSegment(db(), o.orgId, [kolkata.id, invalid.id, none.id]);
    const { id } = await createCampaign(o.owner.ctx, draft([seg.id]));
    const day = new Date(+clockNow() + 2 * 86_400_000);
    const localDate = day.toISOString().slice(0, 10);
    await scheduleCampaign(o.owner.ctx, id, { mode: "local_time", localDate, localTime: "09:00" });
    const c = await loadCampaign(db(), o.orgId, id);
    const startedAt = clockNow();
    expect(await freezeAudience(db(), c, startedAt)).toBe(3);
    const nine = (zone: string) =>
      zonedInstant(zone, day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), 9, 0).toISOString();
    const byContact = async () =>
      Object.fromEntries(
        (await recipientsOf(db(), o.orgId, id)).map((r) => [r.contactId, [r.zone, r.dueAt.toISOString()]]),
      );
    expect(await byContact()).toEqual({
      [kolkata.id]: ["Asia/Kolkata", nine("Asia/Kolkata")],
      [invalid.id]: ["Europe/Berlin", nine("Europe/Berlin")],
      [none.id]: ["Europe/Berlin", nine("Europe/Berlin")],
    });

    // A customer who joined a zone between the freeze's two statements got the start as their due time.
    await db()
      .update(campaignRecipients)
      .set({ zone: "America/New_York", dueAt: startedAt })
      .where(and(eq(campaignRecipients.campaignId, id), eq(campaignRecipients.contactId, none.id)));
    await settleZones(db(), c, "Europe/Berlin", startedAt);
    expect((await byContact())[none.id]).toEqual(["America/New_York", nine("America/New_York")]);
    expect((await byContact())[kolkata.id]).toEqual(["Asia/Kolkata", nine("Asia/Kolkata")]);
  });
});

/** A campaign to one customer, sending, whose message is stored and recorded but not yet handed over. */
async function storedNotHandedOver() {
  const o = await campaignOrg(db());
  const a = await o.customer();
  const seg = await makeSegment(db(), o.orgId, [a.id]);
  const { id } = await createCampaign(o.owner.ctx, draft([seg.id]));
  await scheduleCampaign(o.owner.ctx, id, { mode: "now" });
  const c = await loadCampaign(db(), o.orgId, id);
  await freezeAudience(db(), c, clockNow());
  const ctx = { orgId: o.orgId, db: db(), actor: systemActor("campaign") };
  const rows = await prepareMessages(
    ctx,
    await campaignContent(db(), c),
    [{ recipient: { contactId: a.id }, idempotencyKey: recipientKey(id, a.id) }],
    { asBatch: true },
  );
  await db()
    .update(campaignRecipients)
    .set({ messageId: rows[0]!.id, handedAt: clockNow() })
    .where(eq(campaignRecipients.campaignId, id));
  return { o, id, rows };
}

describe("campaigns: cancel", () => {
  it("stops a message stored but not yet handed over (the hand-over reads the campaign's status)", async () => {
    // As a send step that stored the message and then stopped (a crash) before handing it over.
    const { o, id, rows } = await storedNotHandedOver();
    await cancelCampaign(o.owner.ctx, id);
    const d = createDispatcher(db());
    await d.add(rows);
    expect(await d.finish()).toMatchObject({ sent: 0, suppressed: 1 });
    const [m] = await db().select().from(emailMessages).where(eq(emailMessages.id, rows[0]!.id));
    expect(m).toMatchObject({ status: "suppressed", suppressionReason: "campaign_cancelled" });
    await syncRecipients(db(), o.orgId, id);
    expect((await recipientsOf(db(), o.orgId, id)).map((r) => [r.status, r.reason])).toEqual([
      ["cancelled", "campaign_cancelled"],
    ]);
  });
});

describe("campaigns: pause", () => {
  it("holds a message not yet handed over while paused (queued, not suppressed); the first step after resume hands it over once", async () => {
    // As a batch stored and refused (a 429) just before the pause, its retry coming after it.
    const { o, id, rows } = await storedNotHandedOver();
    await pauseCampaign(o.owner.ctx, id);
    const d = createDispatcher(db());
    await d.add(rows);
    expect(await d.finish()).toMatchObject({ sent: 0, suppressed: 0 });
    const message = async () => (await db().select().from(emailMessages).where(eq(emailMessages.id, rows[0]!.id)))[0];
    expect(await message()).toMatchObject({ status: "queued", suppressionReason: null });
    // Still paused: a send step stops at once and the message stays held.
    expect(await sendDue(db(), o.orgId, id, clockNow())).toEqual({ kind: "paused" });
    expect((await message())!.status).toBe("queued");

    await resumeCampaign(o.owner.ctx, id);
    expect((await sendDue(db(), o.orgId, id, clockNow())).kind).not.toBe("paused");
    expect((await message())!.status).toBe("sent");
    expect((await recipientsOf(db(), o.orgId, id)).map((r) => r.status)).toEqual(["sent"]);
    expect(await campaignMessages(db(), o.orgId, id)).toHaveLength(1);
  });
});

describe("campaigns: pause, then cancel", () => {
  it("a message held while paused, then cancelled: the queued-mail sweep stops it and its recipient shows cancelled", async () => {
    // A batch stored just before the pause, held at its hand-over; the send stops for good at the cancel.
    const { o, id, rows } = await storedNotHandedOver();
    await pauseCampaign(o.owner.ctx, id);
    const d = createDispatcher(db());
    await d.add(rows);
    expect(await d.finish()).toMatchObject({ sent: 0, suppressed: 0 });
    await cancelCampaign(o.owner.ctx, id);
    expect(await campaignProgress(o.rep.ctx, id)).toMatchObject({ sending: 1, cancelled: 0 });

    await sweepQueuedEmail(db(), new Date(Date.now() + 3 * 60_000), o.orgId);
    const [m] = await db().select().from(emailMessages).where(eq(emailMessages.id, rows[0]!.id));
    expect(m).toMatchObject({ status: "suppressed", suppressionReason: "campaign_cancelled" });
    expect(await campaignProgress(o.rep.ctx, id)).toMatchObject({ sending: 0, cancelled: 1 });
    expect(await campaignMessages(db(), o.orgId, id)).toHaveLength(1);
  });
});

describe("campaigns: a send step", () => {
  it("reads its recipients a page at a time: over two pages, those who may not go are marked why, everyone else gets it once", async () => {
    const o = await campaignOrg(db());
    const made = await db()
      .insert(contacts)
      .values(
        Array.from({ length: 2_150 }, (_, i) => ({
          orgId: o.orgId,
          firstName: `P${i}`,
          email: uniqueEmail(`page${i}`),
          // Every 70th has unsubscribed and every 70th (offset) asked not to be contacted: some on each page.
          marketingConsent: i % 70 === 0 ? ("unsubscribed" as const) : ("subscribed" as const),
          doNotContact: i % 70 === 35,
        })),
      )
      .returning({ id: contacts.id, consent: contacts.marketingConsent, dnc: contacts.doNotContact });
    const seg = await makeSegment(
      db(),
      o.orgId,
      made.map((m) => m.id),
    );
    const { id } = await createCampaign(o.owner.ctx, draft([seg.id]));
    await scheduleCampaign(o.owner.ctx, id, { mode: "now" });
    const now = clockNow();
    await freezeAudience(db(), await loadCampaign(db(), o.orgId, id), now);

    expect(await sendDue(db(), o.orgId, id, now)).toEqual({ kind: "continue" });
    expect(await sendDue(db(), o.orgId, id, now)).toEqual({ kind: "finished", status: "sent" });

    const held = made.filter((m) => m.consent === "unsubscribed" || m.dnc);
    const mail = await campaignMessages(db(), o.orgId, id);
    expect(mail).toHaveLength(made.length - held.length);
    expect(new Set(mail.map((m) => m.contactId)).size).toBe(mail.length);
    const byContact = new Map((await recipientsOf(db(), o.orgId, id)).map((r) => [r.contactId, r]));
    for (const m of made) {
      const r = byContact.get(m.id)!;
      if (m.consent === "unsubscribed") expect([r.status, r.reason]).toEqual(["suppressed", "unsubscribed"]);
      else if (m.dnc) expect([r.status, r.reason]).toEqual(["suppressed", "do_not_contact"]);
      else expect(r.status).toBe("sent");
    }
  });
});

describe("campaigns: a step after a crash", () => {
  it("finds the messages a crashed step stored but did not record on its recipients, and sends each once", async () => {
    const o = await campaignOrg(db());
    const people = [await o.customer(), await o.customer(), await o.customer(), await o.customer()];
    const seg = await makeSegment(
      db(),
      o.orgId,
      people.map((p) => p.id),
    );
    const { id } = await createCampaign(o.owner.ctx, draft([seg.id]));
    await scheduleCampaign(o.owner.ctx, id, { mode: "now" });
    const now = clockNow();
    const c = await loadCampaign(db(), o.orgId, id);
    await freezeAudience(db(), c, now);
    // The step stored two customers' messages, then the process died before recording them.
    const ctx = { orgId: o.orgId, db: db(), actor: systemActor("campaign") };
    const stored = await prepareMessages(
      ctx,
      await campaignContent(db(), c),
      people.slice(0, 2).map((p) => ({ recipient: { contactId: p.id }, idempotencyKey: recipientKey(id, p.id) })),
      { asBatch: true },
    );

    expect(await sendDue(db(), o.orgId, id, now)).toEqual({ kind: "continue" });
    expect(await sendDue(db(), o.orgId, id, now)).toEqual({ kind: "finished", status: "sent" });

    const mail = await campaignMessages(db(), o.orgId, id);
    expect(mail.map((m) => m.contactId).sort()).toEqual(people.map((p) => p.id).sort());
    const messageOf = new Map((await recipientsOf(db(), o.orgId, id)).map((r) => [r.contactId, r.messageId]));
    for (const m of stored) expect(messageOf.get(m.contactId!)).toBe(m.id);
    expect(mail.every((m) => m.status === "sent")).toBe(true);
  });
});
