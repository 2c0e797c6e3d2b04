"use client";

import { useFormat } from "@/components/providers/format-provider";
import { PageHeader } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import type { AnalyticsViewName } from "@/lib/analytics/views";
import { AnalyticsTabs } from "./analytics-tabs";
import { RangePicker } from "./range-picker";
import type { ViewState } from "./use-analytics-view";

/**
 * Title, tabs and range of every analytics page, with the zone its days are cut in, when it was
 * read, and whether a newer read is on its way.
 */
export function AnalyticsHeader<N extends AnalyticsViewName>({
  title,
  description,
  state,
}: {
  title: string;
  description: string;
  state: ViewState<N>;
}) {
  const format = useFormat();
  const { range, issues, asOf } = state.view;
  return (
    <>
      <PageHeader title={title} description={description} />
      <AnalyticsTabs />
      <RangePicker preset={range.preset} fromDay={range.fromDay} toDay={range.toDay} issues={issues} />
      <div className="-mt-3 mb-6 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-500">
        <p data-testid="range-summary">
          {format.day(range.fromDay)} – {format.day(range.toDay)}, by {range.bucket === "day" ? "day" : "week"} in{" "}
          {format.zoneLabel(asOf)}. Data as of {format.dateTime(asOf)}.
        </p>
        <Button variant="ghost" className="px-2 py-1" onClick={state.refresh}>
          Refresh
        </Button>
        <p role="status" aria-live="polite" className="text-slate-600">
          {state.updating ? (state.showingPrevious ? "Loading the new range…" : "Refreshing…") : ""}
        </p>
        {state.error ? (
          <p role="alert" className="w-full text-red-700">
            The numbers could not be read again: {state.error} What is shown is from {format.dateTime(asOf)}.
          </p>
        ) : null}
      </div>
    </>
  );
}
