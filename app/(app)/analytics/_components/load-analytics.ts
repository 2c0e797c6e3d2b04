import "server-only";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { analyticsView, type AnalyticsView, type AnalyticsViewName } from "@/lib/analytics/views";
import { searchFromRecord, viewSearch } from "@/lib/analytics/view-search";

export type AnalyticsSearch = Promise<Record<string, string | string[] | undefined>>;

/**
 * The first view of an analytics page, read on the server for the range in the URL; null for
 * someone who may not read analytics (the page answers 403).
 */
export async function loadAnalyticsView<N extends AnalyticsViewName>(
  name: N,
  searchParams: AnalyticsSearch,
): Promise<AnalyticsView<N> | null> {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "analytics:read")) return null;
  return analyticsView(ctx, name, viewSearch(searchFromRecord(await searchParams)));
}
