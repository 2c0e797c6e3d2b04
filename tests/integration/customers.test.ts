import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { contacts, eventOutbox, followUps, organizations } from "@/db/schema";
import {
  createContact,
  deleteContact,
  getContact,
  setLifecycleStage,
  updateContactDetails,
  toDetailsForm,
} from "@/lib/customers/contacts";
import { logInteraction } from "@/lib/customers/interactions";
import { completeFollowUp, myFollowUps } from "@/lib/customers/follow-ups";
import { contactTimeline } from "@/lib/customers/timeline";
import { listContacts } from "@/lib/customers/list";
import { parseListFilters } from "@/lib/customers/list.schema";
import { bulkUpdate, tagContact } from "@/lib/customers/tags";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { createTestOrg, setupTestDb, uniqueEmail } from "./helpers";

const db = setupTestDb();

const call = (contactId: string, extra: Record<string, unknown> = {}) => ({
  contactId,
  type: "call",
  channel: "",
  direction: "outbound",
  subject: "Checked in",
  notes: "",
  durationMinutes: "5",
  outcome: "",
  amount: "",
  followUpRequired: false,
  followUpDate: "",
  followUpTitle: "",
  ...extra,
});

describe("customers", () => {
  it("creates, reads and edits a customer; another org reads it as not found", async () => {
    const org = await createTestOrg(db());
    const other = await createTestOrg(db());
    const c = await createContact(org.staff.ctx, {
      firstName: "Ana",
      lastName: "Lopez",
      email: uniqueEmail("ana"),
      phone: "",
      company: "Acme",
    });
    expect((await getContact(org.rep.ctx, c.id)).firstName).toBe("Ana");
    await expect(getContact(other.owner.ctx, c.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getContact(org.owner.ctx, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateContactDetails(other.owner.ctx, c.id, toDetailsForm(c))).rejects.toBeInstanceOf(NotFoundError);

    const updated = await updateContactDetails(org.rep.ctx, c.id, {
      ...toDetailsForm(c),
      timeZone: "Europe/Paris",
      marketingConsent: "subscribed",
      birthday: "1990-04-21",
      preferredContactMethod: "whatsapp",
    });
    expect(updated).toMatchObject({
      timeZone: "Europe/Paris",
      marketingConsent: "subscribed",
      birthday: "1990-04-21",
      preferredContactMethod: "whatsapp",
    });
    await expect(
      updateContactDetails(org.rep.ctx, c.id, { ...toDetailsForm(c), timeZone: "Mars/Base" }),
    ).rejects.toThrow(/time zone/);
    const timeline = await contactTimeline(org.rep.ctx, c.id);
    expect(timeline.entries.map((e) => e.type)).toContain("consent.changed");
  });

  it("only owners delete customers", async () => {
    const org = await createTestOrg(db());
    const c = await createContact(org.staff.ctx, { firstName: "Del", lastName: "", email: "", phone: "", company: "" });
    await expect(deleteContact(org.staff.ctx, c.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteContact(org.rep.ctx, c.id)).rejects.toBeInstanceOf(ForbiddenError);
    const other = await createTestOrg(db());
    await expect(deleteContact(other.owner.ctx, c.id)).rejects.toBeInstanceOf(NotFoundError);
    await deleteContact(org.owner.ctx, c.id);
    await expect(getContact(org.owner.ctx, c.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a visit with a purchase updates metrics and the lifecycle in one transaction, emitting the event", async () => {
    const org = await createTestOrg(db());
    const c = await createContact(org.staff.ctx, {
      firstName: "Vi",
      lastName: "Sit",
      email: "",
      phone: "",
      company: "",
    });
    await logInteraction(org.staff.ctx, call(c.id, { type: "purchase", amount: "1200.50" }));
    const [row] = await db().select().from(contacts).where(eq(contacts.id, c.id));
    expect(row).toMatchObject({ totalVisits: 1, totalSpentMinor: 120_050, lifecycleStage: "vip" });
    expect(row!.firstVisitAt).not.toBeNull();
    const events = await db()
      .select()
      .from(eventOutbox)
      .where(and(eq(eventOutbox.orgId, org.orgId), eq(eventOutbox.name, "crm/contact.lifecycle_changed")));
    expect(events.map((e) => e.data)).toEqual([expect.objectContaining({ contactId: c.id, from: "lead", to: "vip" })]);
    const engaged = await db()
      .select()
      .from(eventOutbox)
      .where(and(eq(eventOutbox.orgId, org.orgId), eq(eventOutbox.name, "crm/contact.engaged")));
    expect(engaged.map((e) => e.data)).toEqual([{ orgId: org.orgId, contactId: c.id, type: "interaction.logged" }]);

    await setLifecycleStage(org.rep.ctx, { contactId: c.id, stage: "at_risk" });
    const inactive = await db()
      .select()
      .from(eventOutbox)
      .where(and(eq(eventOutbox.orgId, org.orgId), eq(eventOutbox.name, "crm/contact.inactive")));
    expect(inactive).toHaveLength(1);
    await expect(logInteraction(org.staff.ctx, call(c.id, { type: "purchase", amount: "" }))).rejects.toThrow(/amount/);
  });

  it("a call with a follow-up creates a task that shows in My follow-ups and is done in one step", async () => {
    const org = await createTestOrg(db());
    const other = await createTestOrg(db());
    const c = await createContact(org.rep.ctx, { firstName: "Fo", lastName: "Low", email: "", phone: "", company: "" });
    const now = new Date("2026-11-21T10:00:00Z");
    const { followUpId } = await logInteraction(
      org.rep.ctx,
      call(c.id, { followUpRequired: true, followUpDate: "2026-11-21" }),
      now,
    );
    await logInteraction(
      org.rep.ctx,
      call(c.id, { followUpRequired: true, followUpDate: "2026-11-19", followUpTitle: "Send brochure" }),
      now,
    );
    const mine = await myFollowUps(org.rep.ctx, now);
    expect(mine.dueToday.map((t) => t.id)).toEqual([followUpId]);
    expect(mine.overdue.map((t) => t.title)).toEqual(["Send brochure"]);
    expect((await myFollowUps(org.staff.ctx, now)).dueToday).toHaveLength(0);
    await expect(completeFollowUp(other.owner.ctx, followUpId)).rejects.toBeInstanceOf(NotFoundError);
    await completeFollowUp(org.rep.ctx, followUpId);
    const [task] = await db().select().from(followUps).where(eq(followUps.id, followUpId!));
    expect(task!.doneAt).not.toBeNull();
    const types = (await contactTimeline(org.rep.ctx, c.id)).entries.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["interaction.logged", "follow_up.created", "follow_up.completed"]));
    expect(
      (await contactTimeline(org.rep.ctx, c.id, { type: "follow_up" })).entries.every((e) =>
        e.type.startsWith("follow_up."),
      ),
    ).toBe(true);
  });

  it("decides 'due today' in the organisation's time zone, not in UTC", async () => {
    const org = await createTestOrg(db());
    const c = await createContact(org.rep.ctx, { firstName: "Zo", lastName: "Ne", email: "", phone: "", company: "" });
    const logged = new Date("2026-11-19T10:00:00Z");
    for (const [date, title] of [
      ["2026-11-20", "On the 20th"],
      ["2026-11-21", "On the 21st"],
      ["2026-11-22", "On the 22nd"],
    ] as const) {
      await logInteraction(
        org.rep.ctx,
        call(c.id, { followUpRequired: true, followUpDate: date, followUpTitle: title }),
        logged,
      );
    }
    const titles = (list: { title: string }[]) => list.map((t) => t.title);
    // 23:30 UTC on the 21st is already the 22nd in Auckland (UTC+13).
    const lateUtc = new Date("2026-11-21T23:30:00Z");
    await db().update(organizations).set({ timeZone: "Pacific/Auckland" }).where(eq(organizations.id, org.orgId));
    const auckland = await myFollowUps(org.rep.ctx, lateUtc);
    expect(auckland).toMatchObject({ today: "2026-11-22", timeZone: "Pacific/Auckland" });
    expect(titles(auckland.dueToday)).toEqual(["On the 22nd"]);
    expect(titles(auckland.overdue)).toEqual(["On the 20th", "On the 21st"]);
    // 03:00 UTC on the 21st is still the evening of the 20th in Los Angeles.
    const earlyUtc = new Date("2026-11-21T03:00:00Z");
    await db().update(organizations).set({ timeZone: "America/Los_Angeles" }).where(eq(organizations.id, org.orgId));
    const la = await myFollowUps(org.rep.ctx, earlyUtc);
    expect(titles(la.dueToday)).toEqual(["On the 20th"]);
    expect(la.overdue).toEqual([]);
    // The same instant in a UTC organisation: the 21st.
    await db().update(organizations).set({ timeZone: "UTC" }).where(eq(organizations.id, org.orgId));
    expect(titles((await myFollowUps(org.rep.ctx, earlyUtc)).dueToday)).toEqual(["On the 21st"]);
  });

  it("paginates the timeline with a cursor, newest first, without gaps or repeats", async () => {
    const org = await createTestOrg(db());
    const c = await createContact(org.rep.ctx, { firstName: "Page", lastName: "", email: "", phone: "", company: "" });
    for (let i = 0; i < 7; i++)
      await logInteraction(org.rep.ctx, call(c.id, { subject: `call ${i}` }), new Date(Date.UTC(2026, 0, 1 + i)));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await contactTimeline(org.rep.ctx, c.id, { type: "interaction", limit: 3, cursor });
      seen.push(...page.entries.map((e) => String(e.data.subject)));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(["call 6", "call 5", "call 4", "call 3", "call 2", "call 1", "call 0"]);
  });

  it("searches by name, email, phone and company; filters; sorts with a cursor; bulk tags stay in the org", async () => {
    const org = await createTestOrg(db());
    const other = await createTestOrg(db());
    const a = await createContact(org.rep.ctx, {
      firstName: "Zelda",
      lastName: "Quux",
      email: uniqueEmail("zq"),
      phone: "+1 212 555 0199",
      company: "Hyrule 50% Off",
    });
    const b = await createContact(org.rep.ctx, {
      firstName: "Bob",
      lastName: "Quux",
      email: "",
      phone: "",
      company: "",
    });
    const foreign = await createContact(other.rep.ctx, {
      firstName: "Zelda",
      lastName: "Quux",
      email: "",
      phone: "",
      company: "",
    });
    const search = async (q: string) =>
      (await listContacts(org.rep.ctx, parseListFilters({ q }))).rows.map((r) => r.id);
    expect(await search("zeld")).toEqual([a.id]);
    expect(await search("2125550199")).toEqual([a.id]);
    expect(await search("212 555 0199")).toEqual([a.id]);
    expect(await search("hyrule")).toEqual([a.id]);
    expect(await search("50%")).toEqual([a.id]);
    expect(await search("_")).toEqual([]);
    expect(await search("quux")).toEqual([b.id, a.id]);

    const page1 = await listContacts(org.rep.ctx, parseListFilters({}), { limit: 1 });
    const page2 = await listContacts(org.rep.ctx, parseListFilters({ cursor: page1.nextCursor! }), { limit: 1 });
    expect([...page1.rows, ...page2.rows].map((r) => r.id)).toEqual([b.id, a.id]);
    expect(page2.nextCursor).toBeNull();

    expect(await bulkUpdate(org.rep.ctx, { op: "tag", ids: [a.id, b.id, foreign.id], tag: "vip-list" })).toBe(2);
    const tagged = await listContacts(org.rep.ctx, parseListFilters({ q: "quux" }));
    expect(tagged.rows).toHaveLength(2);
    await bulkUpdate(org.rep.ctx, { op: "assign", ids: [a.id], ownerId: org.staff.id });
    expect((await listContacts(org.rep.ctx, parseListFilters({ owner: org.staff.id }))).rows.map((r) => r.id)).toEqual([
      a.id,
    ]);
    await expect(bulkUpdate(org.rep.ctx, { op: "assign", ids: [a.id], ownerId: other.rep.id })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await tagContact(org.rep.ctx, b.id, "solo");
    await expect(tagContact(other.rep.ctx, b.id, "x")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("inactivity sweep", () => {
  it("moves customers who stopped visiting to at risk or churned, with events, in their org only", async () => {
    const { applyInactivityRules } = await import("@/lib/customers/lifecycle-sweep");
    const org = await createTestOrg(db());
    const other = await createTestOrg(db());
    const now = new Date("2026-11-21T12:00:00Z");
    const mk = async (o: typeof org, days: number) => {
      const c = await createContact(o.rep.ctx, {
        firstName: `D${days}`,
        lastName: "",
        email: "",
        phone: "",
        company: "",
      });
      await db()
        .update(contacts)
        .set({ lifecycleStage: "active", totalVisits: 1, lastVisitAt: new Date(now.getTime() - days * 86_400_000) })
        .where(eq(contacts.id, c.id));
      return c.id;
    };
    const [recent, risky, gone, foreign] = [
      await mk(org, 10),
      await mk(org, 100),
      await mk(org, 200),
      await mk(other, 200),
    ];
    expect(await applyInactivityRules(db(), org.orgId, now)).toBe(2);
    const stage = async (id: string) =>
      (await db().select().from(contacts).where(eq(contacts.id, id)))[0]!.lifecycleStage;
    expect([await stage(recent), await stage(risky), await stage(gone), await stage(foreign)]).toEqual([
      "active",
      "at_risk",
      "churned",
      "active",
    ]);
    const inactive = await db()
      .select()
      .from(eventOutbox)
      .where(and(eq(eventOutbox.orgId, org.orgId), eq(eventOutbox.name, "crm/contact.inactive")));
    expect(inactive.map((e) => (e.data as { contactId: string }).contactId).sort()).toEqual([risky, gone].sort());
    expect(await applyInactivityRules(db(), org.orgId, now)).toBe(0);
  });
});

describe("lifecycle rules", () => {
  it("owners tune them; the next purchase and sweep use them; others are refused", async () => {
    const { updateLifecycleRules, getLifecycleRules } = await import("@/lib/customers/lifecycle-settings");
    const org = await createTestOrg(db());
    const other = await createTestOrg(db());
    await expect(
      updateLifecycleRules(org.rep.ctx, { vipThreshold: "50", atRiskDays: 30, churnedDays: 60 }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      updateLifecycleRules(org.owner.ctx, { vipThreshold: "50", atRiskDays: 60, churnedDays: 30 }),
    ).rejects.toThrow(/after at risk/);
    await updateLifecycleRules(org.owner.ctx, { vipThreshold: "50", atRiskDays: 30, churnedDays: 60 });
    expect(await getLifecycleRules(org.staff.ctx)).toEqual({
      vipThresholdMinor: 5000,
      atRiskDays: 30,
      churnedDays: 60,
    });
    expect((await getLifecycleRules(other.owner.ctx)).vipThresholdMinor).toBe(100_000);
    const c = await createContact(org.staff.ctx, {
      firstName: "Cheap",
      lastName: "Vip",
      email: "",
      phone: "",
      company: "",
    });
    await logInteraction(org.staff.ctx, call(c.id, { type: "purchase", amount: "60.00" }));
    expect((await getContact(org.staff.ctx, c.id)).lifecycleStage).toBe("vip");
  });
});
