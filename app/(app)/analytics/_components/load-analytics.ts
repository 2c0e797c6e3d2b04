import "server-only";
import { forbidden } from "next/navigation";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { analyticsView, type AnalyticsView, type AnalyticsViewName } from "@/lib/analytics/views";
import { searchFromRecord, viewSearch } from "@/lib/analytics/view-search";

export type AnalyticsSearch = Promise<Record<string, string | string[] | undefined>>;

/** The first view of an analytics page, read on the server for the range in the URL. */
export async function loadAnalyticsView<N extends AnalyticsViewName>(
  name: N,
  searchParams: AnalyticsSearch,
): Promise<AnalyticsView<N>> {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "analytics:read")) forbidden();
  return analyticsView(ctx, name, viewSearch(searchFromRecord(await searchParams)));
}
