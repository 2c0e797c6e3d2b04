import { describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { campaigns, contacts, contactTags, emailMessages, emailTopics, organizations, users } from "@/db/schema";
import { campaignOutcomes } from "@/lib/campaigns/outcomes";
import { DEMO_CONTACT_COUNT, findDemoOrgId, seedDemoOnce } from "@/db/seed/demo";
import { DEMO_PASSWORD, DEMO_USERS } from "@/db/seed/demo-accounts";
import { DEMO_CODE_VALID_DAYS } from "@/db/seed/demo-email";
import { authenticate } from "@/lib/auth/authenticate";
import { uniqueIp, usingPostgres, setupTestDb } from "./helpers";

const getDb = setupTestDb();

// The demo users' emails are globally unique, so on a shared PostgreSQL this could only pass once.
describe.skipIf(usingPostgres)("demo workspace", () => {
  it("is created once, with the three demo users and 300 contacts", async () => {
    expect(await findDemoOrgId(getDb())).toBeNull();
    // The seed's clock, not the calendar the demo was written in: December here.
    expect(await seedDemoOnce(getDb(), new Date("2026-12-03T15:00:00Z"))).toBe("created");

    const orgId = (await findDemoOrgId(getDb()))!;
    const [org] = await getDb().select().from(organizations).where(eq(organizations.id, orgId));
    expect(org).toMatchObject({ name: "Demo Co", isDemo: true });

    const people = await getDb()
      .select({ email: users.email, role: users.role })
      .from(users)
      .where(eq(users.orgId, orgId));
    expect(people.sort((a, b) => a.email.localeCompare(b.email))).toEqual([
      { email: "owner@tend.test", role: "owner" },
      { email: "rep@tend.test", role: "rep" },
      { email: "staff@tend.test", role: "staff" },
    ]);
    for (const demoUser of DEMO_USERS) {
      const result = await authenticate(getDb(), { email: demoUser.email, password: DEMO_PASSWORD, ip: uniqueIp() });
      expect(result).toMatchObject({ ok: true, user: { orgId, role: demoUser.role } });
    }

    const [contactRows] = await getDb().select({ n: count() }).from(contacts).where(eq(contacts.orgId, orgId));
    expect(contactRows!.n).toBe(DEMO_CONTACT_COUNT);
    expect(DEMO_CONTACT_COUNT).toBe(300);
    const [tagged] = await getDb().select({ n: count() }).from(contactTags).where(eq(contactTags.orgId, orgId));
    expect(tagged!.n).toBeGreaterThan(0);

    expect(
      (await getDb().select().from(emailTopics).where(eq(emailTopics.orgId, orgId))).map((t) => t.key).sort(),
    ).toEqual(["newsletters", "promotions", "reminders"]);
    const outbox = await getDb()
      .select({ status: emailMessages.status })
      .from(emailMessages)
      .where(eq(emailMessages.orgId, orgId));
    expect(outbox.length).toBeGreaterThanOrEqual(10);
    expect(new Set(outbox.map((m) => m.status))).toEqual(new Set(["sent", "opened", "clicked", "suppressed"]));

    // Demo content follows the seed's clock: the win-back code is valid for two weeks from its now.
    expect(DEMO_CODE_VALID_DAYS).toBe(14);
    const texts = (
      await getDb().select({ text: emailMessages.text }).from(emailMessages).where(eq(emailMessages.orgId, orgId))
    ).map((m) => m.text);
    const winBack = texts.filter((t) => t.includes("COMEBACK15"));
    expect(winBack.length).toBeGreaterThan(0);
    for (const t of winBack) expect(t).toContain("The code is valid until Dec 17, 2026.");
    for (const t of texts) expect(t).not.toMatch(/June|spring/i);

    // A campaign sent three days earlier: its A/B test judged, people reading and buying, a holdout.
    const [campaign] = await getDb().select().from(campaigns).where(eq(campaigns.orgId, orgId));
    expect(campaign).toMatchObject({ status: "sent", abWinnerVariant: "A", name: "Winter offers" });
    expect(campaign!.abDecisionReason).toMatch(/so the fallback variant was sent\.$/);
    const outcomes = await campaignOutcomes(getDb(), campaign!, new Date("2026-12-03T15:00:00Z"));
    expect(outcomes.recipients).toBeGreaterThan(5);
    expect(outcomes.openedPeople).toBeGreaterThan(0);
    expect(outcomes.converters).toBeGreaterThan(0);
    expect(outcomes.variants.map((v) => `${v.group}:${v.id}`)).toEqual(["test:A", "test:B", "rest:A"]);
    expect(outcomes.uplift?.holdout.converters).toBe(1);
  });

  it("is not created again", async () => {
    expect(await seedDemoOnce(getDb())).toBe("exists");
    expect(await getDb().select().from(organizations).where(eq(organizations.isDemo, true))).toHaveLength(1);
    const [contactRows] = await getDb().select({ n: count() }).from(contacts);
    expect(contactRows!.n).toBe(DEMO_CONTACT_COUNT);
  });
});
