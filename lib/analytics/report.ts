import "server-only";
import { eq } from "drizzle-orm";
import { organizations } from "@/db/schema";
import type { Ctx } from "../context";
import { NotFoundError, ValidationError } from "../errors";
import { requirePermission } from "../auth/permissions";
import { resolveRange, type RangeInput } from "./range";
import { analyticsView, type AnalyticsViewName } from "./views";

export const ANALYTICS_REPORTS = ["email", "pipeline", "customers"] as const satisfies readonly AnalyticsViewName[];
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
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(input)) if (v) params.set(k, v);
  const search = params.toString();
  const orgCtx = { ...ctx, org };
  // The very loaders the pages draw from: the API cannot disagree with a page.
  const r = report as AnalyticsReport;
  if (r === "email") {
    const { data } = await analyticsView(orgCtx, "email", search);
    const { totals, series, reasons, campaigns } = data;
    return { report: r, period, totals, series, machineReasons: reasons, campaigns };
  }
  if (r === "pipeline") {
    const { series, funnel, bySource, byOwner } = (await analyticsView(orgCtx, "pipeline", search)).data;
    return { report: r, period, series, funnel, winRateBySource: bySource, winRateByOwner: byOwner };
  }
  const { series, snapshot, stages } = (await analyticsView(orgCtx, "customers", search)).data;
  return { report: r, period, series, snapshot, stages };
}
