import "server-only";
import type { Ctx } from "@/lib/context";
import { requirePermission } from "@/lib/auth/permissions";
import { runnerNow } from "@/lib/playbooks/runner/now";
import { awaitsDecision, decisionTime, judgeTest } from "./ab-test";
import { loadCampaign, loadCampaigns } from "./campaigns";
import { campaignOutcomes, campaignsOutcomes, type CampaignOutcomes } from "./outcomes";

export type CampaignResults = CampaignOutcomes & {
  asOf: Date;
  /** The A/B test: decided (the chosen variant and why) or, while it runs, when it is judged and how it stands. */
  test:
    | {
        state: "decided";
        chosen: string;
        reason: string;
        decidedAt: Date;
        /** Each variant's probability of being best on the test group's numbers now (they go on arriving). */
        probabilities: Record<string, number> | null;
      }
    | { state: "running"; decidesAt: Date; standing: string; probabilities: Record<string, number> | null }
    | null;
};

/** A frozen campaign's results as of now: outcomes, and its A/B test's decision or standing. */
export async function campaignResults(ctx: Ctx, id: unknown): Promise<CampaignResults | null> {
  requirePermission(ctx.actor, "campaigns:read");
  const c = await loadCampaign(ctx.db, ctx.orgId, id);
  if (!c.frozenAt) return null;
  const asOf = runnerNow();
  const outcomes = await campaignOutcomes(ctx.db, c, asOf);
  let test: CampaignResults["test"] = null;
  if (c.abTestPercent && c.abDecidedAt)
    test = {
      state: "decided",
      chosen: c.abWinnerVariant!,
      reason: c.abDecisionReason!,
      decidedAt: c.abDecidedAt,
      probabilities: (await judgeTest(ctx.db, c, asOf, outcomes)).probabilities,
    };
  else if (awaitsDecision(c)) {
    const verdict = await judgeTest(ctx.db, c, asOf, outcomes);
    test = {
      state: "running",
      decidesAt: await decisionTime(ctx.db, c),
      standing: verdict.finding,
      probabilities: verdict.probabilities,
    };
  }
  return { ...outcomes, asOf, test };
}

/** Attributed conversions and revenue of the given frozen campaigns (a list page's worth), as of now. */
export async function campaignEarnings(
  ctx: Ctx,
  ids: readonly string[],
  asOf: Date = runnerNow(),
): Promise<Map<string, { converters: number; conversions: number; revenueMinor: number; currency: string }>> {
  requirePermission(ctx.actor, "campaigns:read");
  const out = new Map<string, { converters: number; conversions: number; revenueMinor: number; currency: string }>();
  const frozen = (await loadCampaigns(ctx.db, ctx.orgId, ids)).filter((c) => c.frozenAt);
  for (const [id, o] of await campaignsOutcomes(ctx.db, frozen, asOf))
    out.set(id, {
      converters: o.converters,
      conversions: o.conversions,
      revenueMinor: o.revenueMinor,
      currency: o.currency,
    });
  return out;
}
