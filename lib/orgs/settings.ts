import "server-only";
import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/record";
import { changedFields } from "../audit/redact";
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

const SETTINGS_FIELDS = [
  "name",
  "currency",
  "timeZone",
  "quietHoursStart",
  "quietHoursEnd",
  "quietHoursNoWeekend",
  "frequencyCapCount",
  "frequencyCapDays",
  "marketingRequiresConsent",
] as const;

export async function updateOrganizationSettings(ctx: Ctx, input: unknown): Promise<OrganizationView> {
  requirePermission(ctx.actor, "org:update");
  const settings = organizationSettingsSchema.parse(input);
  await ctx.db.transaction(async (tx) => {
    const [old] = await tx.select().from(organizations).where(eq(organizations.id, ctx.orgId)).for("update");
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
      .returning();
    if (updated.length === 0 || !old) throw new NotFoundError("The organisation");
    const fields = (o: typeof old) => Object.fromEntries(SETTINGS_FIELDS.map((k) => [k, o[k]]));
    await recordAudit(tx, ctx, {
      action: "organization.updated",
      target: { id: ctx.orgId, label: updated[0]!.name },
      ...changedFields(fields(old), fields(updated[0]!)),
    });
  });
  return getOrganization(ctx);
}
