"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { unwrapAction } from "@/components/forms/action-feedback";
import type { AnalyticsView, AnalyticsViewName } from "@/lib/analytics/views";
import { viewSearch } from "@/lib/analytics/view-search";
import { analyticsViewAction } from "../actions";

/** How long numbers are fresh: after that, coming back to the tab reads them again. */
const FRESH_MS = 60_000;

export type ViewState<N extends AnalyticsViewName> = {
  view: AnalyticsView<N>;
  /** A read is in flight (a new range, or a refresh of this one). */
  updating: boolean;
  /** What is drawn belongs to the previous range while the new one loads. */
  showingPrevious: boolean;
  error: string | null;
  refresh: () => void;
};

/**
 * The page's numbers in the TanStack Query cache, keyed by the range in the URL. The server's first
 * render seeds it; a new range (pushed to the URL without a server round trip), a refresh or
 * coming back to the tab reads through the server action, showing the last numbers meanwhile.
 */
export function useAnalyticsView<N extends AnalyticsViewName>(initial: AnalyticsView<N>): ViewState<N> {
  const search = viewSearch(useSearchParams());
  const query = useQuery({
    queryKey: ["analytics", initial.name, search],
    queryFn: async () => (await unwrapAction(analyticsViewAction({ name: initial.name, search }))) as AnalyticsView<N>,
    initialData: search === initial.search ? initial : undefined,
    initialDataUpdatedAt: initial.asOf.getTime(),
    placeholderData: keepPreviousData,
    staleTime: FRESH_MS,
    refetchOnWindowFocus: true,
  });
  return {
    view: query.data ?? initial,
    updating: query.isFetching,
    showingPrevious: query.isPlaceholderData,
    error: query.error ? query.error.message : null,
    refresh: () => void query.refetch(),
  };
}

/** Moves to another view of the same page: the URL changes (history, sharing) but the server is not asked for a page. */
export function pushView(href: string) {
  window.history.pushState(null, "", href);
}
