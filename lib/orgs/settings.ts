import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/record";
import { organizations } from "@/db/schema";
import type { Ctx } from "../context";
import { NotFoundError } from "../errors";
import { requirePermission } from "../auth/permissions";
import { organizationSettingsSchema, type OrganizationSettings } from "./organization.schema";

export type OrganizationView = {
  id: string;
  name: string;
  currency: string;
  timeZone: string;
  locale: string;
  quietHoursStart: string | null;
  quietHoursEnd: string | null;
  quietHoursNoWeekend: boolean;
  frequencyCapCount: number | null;
  frequencyCapDays: number;
  marketingRequiresConsent: boolean;
  isDemo: boolean;
};

export async function getOrganization(ctx: Ctx): Promise<OrganizationView> {
  requirePermission(ctx.actor, "org:read");
  const [org] = await ctx.db.select().from(organizations).where(eq(organizations.id, ctx.orgId)).limit(1);
  if (!org) throw new NotFoundError("The organisation");
  return {
    id: org.id,
    name: org.name,
    currency: org.currency,
    timeZone: org.timeZone,
    locale: org.locale,
    quietHoursStart: org.quietHoursStart,
    quietHoursEnd: org.quietHoursEnd,
    quietHoursNoWeekend: org.quietHoursNoWeekend,
    frequencyCapCount: org.frequencyCapCount,
    frequencyCapDays: org.frequencyCapDays,
    marketingRequiresConsent: org.marketingRequiresConsent,
    isDemo: org.isDemo,
  };
}

export function toSettingsForm(org: OrganizationView): OrganizationSettings {
  return {
    name: org.name,
    currency: org.currency,
    timeZone: org.timeZone,
    locale: org.locale,
    quietHoursEnabled: !!(org.quietHoursStart && org.quietHoursEnd),
    quietHoursStart: org.quietHoursStart ?? "",
    quietHoursEnd: org.quietHoursEnd ?? "",
    quietHoursNoWeekend: org.quietHoursNoWeekend,
    frequencyCapEnabled: org.frequencyCapCount != null,
    frequencyCapCount: org.frequencyCapCount ?? 3,
    frequencyCapDays: org.frequencyCapDays,
    marketingRequiresConsent: org.marketingRequiresConsent,
  };
}

export async function updateOrganizationSettings(ctx: Ctx, input: unknown): Promise<OrganizationView> {
  requirePermission(ctx.actor, "org:update");
  const settings = organizationSettingsSchema.parse(input);
  await ctx.db.transaction(async (tx) => {
    const updated = await tx
      .update(organizations)
      .set({
        name: settings.name,
        currency: settings.currency,
        timeZone: settings.timeZone,
        ...(settings.locale ? { locale: settings.locale } : {}),
        quietHoursStart: settings.quietHoursEnabled ? settings.quietHoursStart : null,
        quietHoursEnd: settings.quietHoursEnabled ? settings.quietHoursEnd : null,
        quietHoursNoWeekend: settings.quietHoursEnabled && settings.quietHoursNoWeekend,
        frequencyCapCount: settings.frequencyCapEnabled ? settings.frequencyCapCount : null,
        frequencyCapDays: settings.frequencyCapDays,
        marketingRequiresConsent: settings.marketingRequiresConsent,
        updatedAt: new Date(),
      })
      .where(eq(organizations.id, ctx.orgId))
      .returning({ id: organizations.id });
    if (updated.length === 0) throw new NotFoundError("The organisation");
    await recordAudit(tx, ctx, { action: "organization.updated", target: { id: ctx.orgId }, data: { ...settings } });
  });
  return getOrganization(ctx);
}
