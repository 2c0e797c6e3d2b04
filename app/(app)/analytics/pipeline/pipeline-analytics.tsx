"use client";

import type { PipelineBucket } from "@/lib/analytics/pipeline-metrics";
import type { AnalyticsView } from "@/lib/analytics/views";
import { useFormat } from "@/components/providers/format-provider";
import { AnalyticsHeader } from "../_components/analytics-header";
import { ChartCard } from "../_components/chart-card";
import { Stat } from "../_components/stat";
import { useAnalyticsView } from "../_components/use-analytics-view";
import { ViewBody } from "../_components/view-body";

const WON = "#16a34a";
const LOST = "#dc2626";

const sum = (series: PipelineBucket[], key: keyof Omit<PipelineBucket, "bucket">) =>
  series.reduce((s, b) => s + b[key], 0);

export function PipelineAnalytics({ initial }: { initial: AnalyticsView<"pipeline"> }) {
  const state = useAnalyticsView(initial);
  const format = useFormat();
  const { range } = state.view;
  const { series, previous, funnel, bySource, byOwner } = state.view.data;
  const winRate = (s: PipelineBucket[]) => {
    const won = sum(s, "won");
    const closed = won + sum(s, "lost");
    return closed ? format.percent(won / closed) : "—";
  };
  const x = range.bucket === "day" ? "Day" : "Week";
  return (
    <>
      <AnalyticsHeader
        title="Analytics"
        description="How leads move: created, through each stage, won and lost — by source and by owner."
        state={state}
      />
      <ViewBody stale={state.showingPrevious}>
        <dl className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Stat
            label="Leads created"
            value={format.number(sum(series, "created"))}
            previous={previous ? format.number(sum(previous, "created")) : null}
            testId="stat-leads-created"
          />
          <Stat
            label="Won"
            value={format.money(sum(series, "wonValue"))}
            previous={previous ? format.money(sum(previous, "wonValue")) : null}
            hint={`${format.number(sum(series, "won"))} leads`}
          />
          <Stat
            label="Lost"
            value={format.money(sum(series, "lostValue"))}
            previous={previous ? format.money(sum(previous, "lostValue")) : null}
            hint={`${format.number(sum(series, "lost"))} leads`}
          />
          <Stat label="Win rate" value={winRate(series)} previous={previous ? winRate(previous) : null} />
        </dl>
        <div className="grid gap-6 xl:grid-cols-2">
          <ChartCard
            title="Stage funnel"
            description="Leads created in the range, by the furthest stage they reached (a skipped stage counts as passed)."
            kind="bar"
            xKey="name"
            xLabel="Stage"
            columns={[{ key: "reached", label: "Leads reached", format: "count" }]}
            extraColumns={[
              { key: "conversion", label: "From previous stage", format: "percent" },
              { key: "avgDays", label: "Average days in stage", format: "days" },
            ]}
            rows={funnel}
            filename={`pipeline-funnel-${range.fromDay}-${range.toDay}`}
            testId="chart-funnel"
          />
          <ChartCard
            title="Won and lost value"
            kind="line"
            xKey="bucket"
            xLabel={x}
            xIsDay
            columns={[
              { key: "wonValue", label: "Won", format: "money", color: WON },
              { key: "lostValue", label: "Lost", format: "money", color: LOST },
            ]}
            extraColumns={[
              { key: "won", label: "Leads won", format: "count" },
              { key: "lost", label: "Leads lost", format: "count" },
            ]}
            rows={series}
            filename={`pipeline-value-${range.fromDay}-${range.toDay}`}
          />
          <ChartCard
            title="Leads created"
            kind="bar"
            xKey="bucket"
            xLabel={x}
            xIsDay
            columns={[{ key: "created", label: "Leads created", format: "count" }]}
            extraColumns={[{ key: "createdValue", label: "Their value", format: "money" }]}
            rows={series}
            filename={`pipeline-created-${range.fromDay}-${range.toDay}`}
          />
          <ChartCard
            title="Win rate by source"
            description="Leads closed in the range."
            kind="bar"
            xKey="key"
            xLabel="Source"
            columns={[
              { key: "won", label: "Won", format: "count", color: WON },
              { key: "lost", label: "Lost", format: "count", color: LOST },
            ]}
            extraColumns={[{ key: "winRate", label: "Win rate", format: "percent" }]}
            rows={bySource}
            filename={`pipeline-win-rate-source-${range.fromDay}-${range.toDay}`}
          />
          <ChartCard
            title="Win rate by owner"
            description="Leads closed in the range."
            kind="bar"
            xKey="key"
            xLabel="Owner"
            columns={[
              { key: "won", label: "Won", format: "count", color: WON },
              { key: "lost", label: "Lost", format: "count", color: LOST },
            ]}
            extraColumns={[{ key: "winRate", label: "Win rate", format: "percent" }]}
            rows={byOwner}
            filename={`pipeline-win-rate-owner-${range.fromDay}-${range.toDay}`}
          />
        </div>
      </ViewBody>
    </>
  );
}
