import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { eq } from "drizzle-orm";
import { auditEvents, organizations } from "@/db/schema";
import { ForbiddenError } from "@/lib/errors";
import { getOrganization, toSettingsForm, updateOrganizationSettings } from "@/lib/orgs/settings";
import type { OrganizationSettingsInput } from "@/lib/orgs/organization.schema";
import { createTestOrg, setupTestDb } from "./helpers";

const getDb = setupTestDb();

const valid: OrganizationSettingsInput = {
  name: "Harbor Bakery",
  currency: "eur",
  timeZone: "Europe/Paris",
  quietHoursEnabled: true,
  quietHoursStart: "21:00",
  quietHoursEnd: "08:00",
  quietHoursNoWeekend: true,
  frequencyCapEnabled: true,
  frequencyCapCount: 2,
  frequencyCapDays: 5,
  marketingRequiresConsent: false,
};

async function storedOrg(orgId: string) {
  const [row] = await getDb().select().from(organizations).where(eq(organizations.id, orgId));
  return row!;
}

describe("organisation settings", () => {
  it("an owner updates name, currency, time zone and quiet hours, and reads them back", async () => {
    const org = await createTestOrg(getDb());
    const updated = await updateOrganizationSettings(org.owner.ctx, valid);
    const expected = {
      id: org.orgId,
      name: "Harbor Bakery",
      currency: "EUR",
      timeZone: "Europe/Paris",
      locale: "en-US",
      quietHoursStart: "21:00",
      quietHoursEnd: "08:00",
      quietHoursNoWeekend: true,
      frequencyCapCount: 2,
      frequencyCapDays: 5,
      marketingRequiresConsent: false,
      isDemo: false,
    };
    expect(updated).toEqual(expected);
    expect(await getOrganization(org.rep.ctx)).toEqual(expected);
    expect(toSettingsForm(updated)).toEqual({ ...valid, currency: "EUR", locale: "en-US" });

    const [audit] = await getDb().select().from(auditEvents).where(eq(auditEvents.orgId, org.orgId));
    expect(audit).toMatchObject({ action: "organization.updated", actorId: org.owner.id, targetId: org.orgId });
  });

  it("keeps a locale from the list, and says which field is wrong otherwise", async () => {
    const org = await createTestOrg(getDb());
    expect(await updateOrganizationSettings(org.owner.ctx, { ...valid, locale: "fr-FR" })).toMatchObject({
      locale: "fr-FR",
    });
    // Left out, the locale stays as it was.
    expect(await updateOrganizationSettings(org.owner.ctx, valid)).toMatchObject({ locale: "fr-FR" });
    const err = await updateOrganizationSettings(org.owner.ctx, { ...valid, locale: "xx-YY" }).catch((e) => e);
    expect(err).toBeInstanceOf(ZodError);
    expect((err as ZodError).issues[0]).toMatchObject({
      path: ["locale"],
      message: "Choose a language and region from the list",
    });
    await expect(updateOrganizationSettings(org.rep.ctx, { ...valid, locale: "de-DE" })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect((await storedOrg(org.orgId)).locale).toBe("fr-FR");
  });

  it("turning quiet hours off clears the window", async () => {
    const org = await createTestOrg(getDb());
    await updateOrganizationSettings(org.owner.ctx, valid);
    const off = await updateOrganizationSettings(org.owner.ctx, { ...valid, quietHoursEnabled: false });
    expect(off).toMatchObject({ quietHoursStart: null, quietHoursEnd: null, quietHoursNoWeekend: false });
    expect(toSettingsForm(off).quietHoursEnabled).toBe(false);
  });

  it("turning the frequency cap off stores no cap; a zero cap is refused", async () => {
    const org = await createTestOrg(getDb());
    const off = await updateOrganizationSettings(org.owner.ctx, { ...valid, frequencyCapEnabled: false });
    expect(off.frequencyCapCount).toBeNull();
    expect(toSettingsForm(off).frequencyCapEnabled).toBe(false);
    await expect(updateOrganizationSettings(org.owner.ctx, { ...valid, frequencyCapCount: 0 })).rejects.toThrow(
      "At least 1 email",
    );
  });

  it("an owner turns on marketing email only to customers who said yes, and off again; it starts off", async () => {
    const org = await createTestOrg(getDb());
    expect((await getOrganization(org.owner.ctx)).marketingRequiresConsent).toBe(false);
    const on = await updateOrganizationSettings(org.owner.ctx, { ...valid, marketingRequiresConsent: true });
    expect(on.marketingRequiresConsent).toBe(true);
    expect(toSettingsForm(on).marketingRequiresConsent).toBe(true);
    expect(await storedOrg(org.orgId)).toMatchObject({ marketingRequiresConsent: true });
    expect(
      (await updateOrganizationSettings(org.owner.ctx, { ...valid, marketingRequiresConsent: false }))
        .marketingRequiresConsent,
    ).toBe(false);
  });

  it.each(["rep", "staff"] as const)(
    "a %s cannot turn on the consent requirement; another organisation's setting is untouched",
    async (role) => {
      const org = await createTestOrg(getDb());
      const other = await createTestOrg(getDb());
      await updateOrganizationSettings(other.owner.ctx, { ...valid, marketingRequiresConsent: true });
      await expect(
        updateOrganizationSettings(org[role].ctx, { ...valid, marketingRequiresConsent: true }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      expect(await storedOrg(org.orgId)).toMatchObject({ marketingRequiresConsent: false });

      await updateOrganizationSettings(org.owner.ctx, { ...valid, marketingRequiresConsent: false });
      expect(await storedOrg(other.orgId)).toMatchObject({ marketingRequiresConsent: true });
      await updateOrganizationSettings(org.owner.ctx, { ...valid, marketingRequiresConsent: true });
      await updateOrganizationSettings(other.owner.ctx, { ...valid, marketingRequiresConsent: false });
      expect(await storedOrg(org.orgId)).toMatchObject({ marketingRequiresConsent: true });
    },
  );

  it("refuses a consent requirement that is not a yes or no", async () => {
    const org = await createTestOrg(getDb());
    await expect(
      updateOrganizationSettings(org.owner.ctx, { ...valid, marketingRequiresConsent: "yes" as never }),
    ).rejects.toThrow(ZodError);
    expect(await storedOrg(org.orgId)).toMatchObject({ marketingRequiresConsent: false });
  });

  it.each<[string, Partial<OrganizationSettingsInput>, string]>([
    ["an unknown currency", { currency: "XX" }, "currency"],
    ["an unknown time zone", { timeZone: "Mars/Olympus" }, "timeZone"],
    ["a start time past 23:59", { quietHoursStart: "25:00" }, "quietHoursStart"],
    ["quiet hours on without an end", { quietHoursEnd: "" }, "quietHoursEnd"],
    ["quiet hours ending when they start", { quietHoursEnd: "21:00" }, "quietHoursEnd"],
    ["an empty name", { name: "  " }, "name"],
  ])("refuses %s, naming the field, and saves nothing", async (_label, change, field) => {
    const org = await createTestOrg(getDb());
    const before = await storedOrg(org.orgId);
    let caught: unknown;
    try {
      await updateOrganizationSettings(org.owner.ctx, { ...valid, ...change });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ZodError);
    expect((caught as ZodError).issues.map((issue) => issue.path.join("."))).toContain(field);
    expect(await storedOrg(org.orgId)).toEqual(before);
    expect(await getDb().select().from(auditEvents).where(eq(auditEvents.orgId, org.orgId))).toEqual([]);
  });

  it.each(["rep", "staff"] as const)("a %s can read the settings but not change them", async (role) => {
    const org = await createTestOrg(getDb());
    const before = await storedOrg(org.orgId);
    await expect(updateOrganizationSettings(org[role].ctx, valid)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await storedOrg(org.orgId)).toEqual(before);
    expect((await getOrganization(org[role].ctx)).name).toBe(org.name);
  });

  it("one organisation never sees nor changes another's settings", async () => {
    const a = await createTestOrg(getDb());
    const b = await createTestOrg(getDb());
    await updateOrganizationSettings(a.owner.ctx, { ...valid, name: "Only A knows this" });
    await updateOrganizationSettings(b.owner.ctx, { ...valid, name: "B's own name", currency: "JPY" });

    const seenByB = await getOrganization(b.owner.ctx);
    expect(seenByB).toMatchObject({ id: b.orgId, name: "B's own name", currency: "JPY" });
    expect(JSON.stringify(seenByB)).not.toContain("Only A knows this");
    expect(await storedOrg(a.orgId)).toMatchObject({ name: "Only A knows this", currency: "EUR" });
  });
});
