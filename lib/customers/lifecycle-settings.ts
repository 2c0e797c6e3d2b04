import "server-only";
import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/record";
import { changedFields } from "../audit/redact";
import type { DbOrTx } from "@/db/client";
import { lifecycleRules } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import { toMinorUnits } from "./activity.schema";
import { DEFAULT_LIFECYCLE_RULES, type LifecycleRules } from "./lifecycle-rules";
import { lifecycleRulesSchema } from "./lifecycle-rules.schema";

export async function loadLifecycleRules(db: DbOrTx, orgId: string): Promise<LifecycleRules> {
  const [row] = await db.select().from(lifecycleRules).where(eq(lifecycleRules.orgId, orgId));
  return row
    ? { vipThresholdMinor: row.vipThresholdMinor, atRiskDays: row.atRiskDays, churnedDays: row.churnedDays }
    : DEFAULT_LIFECYCLE_RULES;
}

export async function getLifecycleRules(ctx: Ctx): Promise<LifecycleRules> {
  requirePermission(ctx.actor, "customers:read");
  return loadLifecycleRules(ctx.db, ctx.orgId);
}

/** Owners tune the thresholds; they apply to the next visit and the next daily sweep. */
export async function updateLifecycleRules(ctx: Ctx, input: unknown): Promise<LifecycleRules> {
  requirePermission(ctx.actor, "org:update");
  const d = lifecycleRulesSchema.parse(input);
  const rules = {
    vipThresholdMinor: toMinorUnits(d.vipThreshold),
    atRiskDays: d.atRiskDays,
    churnedDays: d.churnedDays,
  };
  await ctx.db.transaction(async (tx) => {
    const before = await loadLifecycleRules(tx, ctx.orgId);
    await tx
      .insert(lifecycleRules)
      .values({ orgId: ctx.orgId, ...rules })
      .onConflictDoUpdate({ target: lifecycleRules.orgId, set: { ...rules, updatedAt: new Date() } });
    await recordAudit(tx, ctx, {
      action: "lifecycle.rules_updated",
      target: { id: ctx.orgId },
      ...changedFields(before, rules),
    });
  });
  return rules;
}
