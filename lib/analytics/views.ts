import "server-only";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import { campaignRows, CAMPAIGNS_PER_RANGE } from "./campaign-metrics";
import { customerSeries, customerSnapshot, lifecycleEffects } from "./customer-metrics";
import { stagesOverTime } from "./stages-over-time";
import { emailSeries, emailTotals, machineReasons, type Dating } from "./email-metrics";
import { pipelineSeries, stageFunnel, winRates } from "./pipeline-metrics";
import { playbookFunnel, playbookSummaries, recoveredRevenueSeries } from "./playbook-metrics";
import { previousRange, resolveRange, type AnalyticsRange, type RangeIssue } from "./range";
import { parseViewSearch, type ViewSearch } from "./view-search";

export const ANALYTICS_VIEWS = ["email", "playbooks", "pipeline", "customers"] as const;
export type AnalyticsViewName = (typeof ANALYTICS_VIEWS)[number];

// Independent queries run side by side: on PostgreSQL they use the pool.
const LOADERS = {
  email: async (ctx: Ctx, range: AnalyticsRange, search: ViewSearch) => {
    const dating: Dating = search.dating === "send" ? "send" : "event";
    const before = previousRange(range);
    const [series, previousSeries, reasons, campaigns] = await Promise.all([
      emailSeries(ctx, range, dating),
      before ? emailSeries(ctx, before, dating) : null,
      machineReasons(ctx, range),
      campaignRows(ctx, range),
    ]);
    return {
      dating,
      series,
      totals: emailTotals(series),
      previousTotals: previousSeries ? emailTotals(previousSeries) : null,
      reasons,
      campaigns,
      campaignLimit: CAMPAIGNS_PER_RANGE,
    };
  },
  playbooks: async (ctx: Ctx, range: AnalyticsRange, search: ViewSearch) => {
    const [summaries, recovered] = await Promise.all([
      playbookSummaries(ctx, range),
      recoveredRevenueSeries(ctx, range),
    ]);
    const playbookId = search.playbook ?? summaries.find((s) => s.entered > 0)?.playbookId ?? null;
    const funnel = playbookId ? await playbookFunnel(ctx, range, playbookId) : null;
    return { summaries, recovered, playbookId, funnel };
  },
  pipeline: async (ctx: Ctx, range: AnalyticsRange) => {
    const before = previousRange(range);
    const [series, previous, funnel, bySource, byOwner] = await Promise.all([
      pipelineSeries(ctx, range),
      before ? pipelineSeries(ctx, before) : null,
      stageFunnel(ctx, range),
      winRates(ctx, range, "source"),
      winRates(ctx, range, "owner"),
    ]);
    return { series, previous, funnel, bySource, byOwner };
  },
  customers: async (ctx: Ctx, range: AnalyticsRange, _search: ViewSearch, asOf: Date) => {
    const [series, snapshot, effects] = await Promise.all([
      customerSeries(ctx, range),
      customerSnapshot(ctx, range, asOf),
      lifecycleEffects(ctx, range),
    ]);
    return { series, snapshot, stages: stagesOverTime(range.bucketKeys, snapshot.byStage, effects) };
  },
} satisfies Record<
  AnalyticsViewName,
  (ctx: Ctx, range: AnalyticsRange, search: ViewSearch, asOf: Date) => Promise<unknown>
>;

export type AnalyticsView<N extends AnalyticsViewName> = {
  name: N;
  /** The canonical search it was read for (the browser's cache key). */
  search: string;
  range: AnalyticsRange;
  /** What was wrong with the asked range; the view then shows the last 30 days. */
  issues: RangeIssue[];
  asOf: Date;
  data: Awaited<ReturnType<(typeof LOADERS)[N]>>;
};

/**
 * One analytics page's numbers for a range in the organisation's zone: what the server renders
 * first and what the browser refetches when the range changes or the page regains focus.
 */
export async function analyticsView<N extends AnalyticsViewName>(
  ctx: Ctx & { org: { timeZone: string } },
  name: N,
  search: string,
  asOf = new Date(),
): Promise<AnalyticsView<N>> {
  requirePermission(ctx.actor, "analytics:read");
  const input = parseViewSearch(search);
  const { range, issues } = resolveRange(input, { timeZone: ctx.org.timeZone, now: asOf });
  const loader = LOADERS[name] as (
    c: Ctx,
    r: AnalyticsRange,
    s: ViewSearch,
    a: Date,
  ) => Promise<AnalyticsView<N>["data"]>;
  return { name, search, range, issues, asOf, data: await loader(ctx, range, input, asOf) };
}
