import "server-only";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { resolveRange, type RangeInput } from "@/lib/analytics/range";
import { serverFormatter } from "@/lib/format/server";

export type AnalyticsSearch = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

/** The session, its permission, the range from the URL (in the organisation's zone) and the formatter. */
export async function loadAnalytics(searchParams: AnalyticsSearch) {
  const ctx = await requireSession();
  const allowed = can(ctx.actor.role, "analytics:read");
  const sp = await searchParams;
  const input: RangeInput = { range: one(sp.range), from: one(sp.from), to: one(sp.to), compare: one(sp.compare) };
  const asOf = new Date();
  const { range, issues } = resolveRange(input, { timeZone: ctx.org.timeZone, now: asOf });
  const format = await serverFormatter(ctx.org);
  return { ctx, allowed, range, issues, format, asOf, dating: one(sp.dating) === "send" ? "send" : "event" } as const;
}
