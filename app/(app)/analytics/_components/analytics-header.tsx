import { Suspense } from "react";
import type { AnalyticsRange, RangeIssue } from "@/lib/analytics/range";
import type { Formatter } from "@/lib/format";
import { PageHeader } from "@/components/ui/card";
import { AnalyticsTabs } from "./analytics-tabs";
import { RangePicker } from "./range-picker";

/** Title, tabs and range of every analytics page, with the zone its days are cut in and when it was read. */
export function AnalyticsHeader({
  title,
  description,
  range,
  issues,
  format,
  asOf,
}: {
  title: string;
  description: string;
  range: AnalyticsRange;
  issues: RangeIssue[];
  format: Formatter;
  asOf: Date;
}) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <Suspense>
        <AnalyticsTabs />
        <RangePicker
          preset={range.preset}
          fromDay={range.fromDay}
          toDay={range.toDay}
          compare={range.previous !== null}
          issues={issues}
        />
      </Suspense>
      <p className="-mt-3 mb-6 text-sm text-slate-500" data-testid="range-summary">
        {format.day(range.fromDay)} – {format.day(range.toDay)}, by {range.bucket === "day" ? "day" : "week"} in{" "}
        {format.zoneLabel(asOf)}. Data as of {format.dateTime(asOf)}.
      </p>
    </>
  );
}
