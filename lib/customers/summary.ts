import "server-only";
import { and, count, eq, gt } from "drizzle-orm";
import { contacts } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import { LIFECYCLE_STAGES, type LifecycleStage } from "./lifecycle";

export type CustomerSummary = { total: number; seenLast30Days: number; byStage: Record<LifecycleStage, number> };

export async function customerSummary(ctx: Ctx, now = new Date()): Promise<CustomerSummary> {
  requirePermission(ctx.actor, "customers:read");
  const rows = await ctx.db
    .select({ stage: contacts.lifecycleStage, n: count() })
    .from(contacts)
    .where(eq(contacts.orgId, ctx.orgId))
    .groupBy(contacts.lifecycleStage);
  const [recent] = await ctx.db
    .select({ n: count() })
    .from(contacts)
    .where(and(eq(contacts.orgId, ctx.orgId), gt(contacts.lastSeenAt, new Date(now.getTime() - 30 * 86_400_000))));
  const byStage = Object.fromEntries(LIFECYCLE_STAGES.map((s) => [s, 0])) as Record<LifecycleStage, number>;
  for (const row of rows) byStage[row.stage] = row.n;
  return { total: rows.reduce((sum, r) => sum + r.n, 0), seenLast30Days: recent?.n ?? 0, byStage };
}
