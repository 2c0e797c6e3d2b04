import "server-only";
import { and, desc, eq, gte, lt } from "drizzle-orm";
import { campaigns } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import { campaignsOutcomes } from "../campaigns/outcomes";
import { runnerNow } from "../playbooks/runner/now";
import type { AnalyticsRange } from "./range";

export type CampaignAnalyticsRow = {
  /** "Spring sale", or "Spring sale · variant B" for an A/B test's variant in its test group. */
  label: string;
  campaignId: string;
  variant: string | null;
  sent: number;
  openRateHuman: number | null;
  clickRateHuman: number | null;
  converted: number;
  revenueMinor: number;
  /** Against the holdout, where there is one (the campaign's row only). */
  incrementalRevenueMinor: number | null;
};

/** At most this many campaigns per range: each is read in full (its recipients, their engagement and conversions). */
export const CAMPAIGNS_PER_RANGE = 50;

/**
 * Campaigns that started sending in the range (newest first): each one's people who opened and
 * clicked (machines left out), attributed conversions and revenue so far, and incremental revenue
 * against its holdout; an A/B test adds a row per variant of its test group.
 */
export async function campaignRows(ctx: Ctx, range: AnalyticsRange): Promise<CampaignAnalyticsRow[]> {
  requirePermission(ctx.actor, "analytics:read");
  const started = await ctx.db
    .select()
    .from(campaigns)
    .where(
      and(eq(campaigns.orgId, ctx.orgId), gte(campaigns.startedAt, range.start), lt(campaigns.startedAt, range.end)),
    )
    .orderBy(desc(campaigns.startedAt))
    .limit(CAMPAIGNS_PER_RANGE);
  const asOf = runnerNow();
  const outcomes = await campaignsOutcomes(ctx.db, started, asOf);
  const out: CampaignAnalyticsRow[] = [];
  for (const c of started) {
    const o = outcomes.get(c.id)!;
    const ratio = (n: number, d: number) => (d ? n / d : null);
    out.push({
      label: c.name,
      campaignId: c.id,
      variant: null,
      sent: o.recipients,
      openRateHuman: ratio(o.openedPeople, o.recipients),
      clickRateHuman: ratio(o.clickedPeople, o.recipients),
      converted: o.converters,
      revenueMinor: o.revenueMinor,
      incrementalRevenueMinor: o.uplift?.incrementalRevenueMinor ?? null,
    });
    for (const v of o.variants.filter((x) => x.group === "test"))
      out.push({
        label: `${c.name} · variant ${v.id}`,
        campaignId: c.id,
        variant: v.id,
        sent: v.recipients,
        openRateHuman: ratio(v.opens, v.recipients),
        clickRateHuman: ratio(v.clicks, v.recipients),
        converted: v.conversions,
        revenueMinor: v.revenueMinor,
        incrementalRevenueMinor: null,
      });
  }
  return out;
}
