import "server-only";
import { eq } from "drizzle-orm";
import { organizations } from "@/db/schema";
import type { Ctx } from "../context";
import { NotFoundError, ValidationError } from "../errors";
import { requirePermission } from "../auth/permissions";
import { resolveRange, type RangeInput } from "./range";
import { emailSeries, emailTotals, machineReasons, type Dating } from "./email-metrics";
import { pipelineSeries, stageFunnel, winRates } from "./pipeline-metrics";
import { customerSeries, customerSnapshot, lifecycleOverTime } from "./customer-metrics";

export const ANALYTICS_REPORTS = ["email", "pipeline", "customers"] as const;
export type AnalyticsReport = (typeof ANALYTICS_REPORTS)[number];

/**
 * One analytics page's numbers for another system (the API): the same metric functions the pages
 * draw and their CSVs export, in the organisation's zone. Unlike a page, an unreadable range is an
 * error naming its field, not a quiet fallback to 30 days.
 */
export async function analyticsReport(ctx: Ctx, report: string, input: RangeInput & { dating?: string | null }) {
  requirePermission(ctx.actor, "analytics:read");
  if (!(ANALYTICS_REPORTS as readonly string[]).includes(report))
    throw new NotFoundError(`The report "${report}" (reports: ${ANALYTICS_REPORTS.join(", ")})`);
  const [org] = await ctx.db
    .select({ timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, ctx.orgId))
    .limit(1);
  if (!org) throw new NotFoundError("The organisation");
  const { range, issues } = resolveRange(input, { timeZone: org.timeZone });
  if (issues.length > 0) throw new ValidationError(Object.fromEntries(issues.map((i) => [i.field, i.message])));
  if (input.dating && input.dating !== "event" && input.dating !== "send")
    throw new ValidationError({ dating: 'The dating must be "event" or "send".' });
  const period = { from: range.fromDay, to: range.toDay, timeZone: range.timeZone, bucket: range.bucket };
  const r = report as AnalyticsReport;
  if (r === "email") {
    const series = await emailSeries(ctx, range, (input.dating ?? "event") as Dating);
    return { report: r, period, totals: emailTotals(series), series, machineReasons: await machineReasons(ctx, range) };
  }
  if (r === "pipeline") {
    return {
      report: r,
      period,
      series: await pipelineSeries(ctx, range),
      funnel: await stageFunnel(ctx, range),
      winRateBySource: await winRates(ctx, range, "source"),
      winRateByOwner: await winRates(ctx, range, "owner"),
    };
  }
  const [series, snapshot] = await Promise.all([customerSeries(ctx, range), customerSnapshot(ctx, range)]);
  return { report: r, period, series, snapshot, stages: await lifecycleOverTime(ctx, range, snapshot.byStage) };
}
