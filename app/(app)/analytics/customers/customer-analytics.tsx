"use client";

import { LIFECYCLE_LABELS, LIFECYCLE_STAGES, type LifecycleStage } from "@/lib/customers/lifecycle";
import type { AnalyticsView } from "@/lib/analytics/views";
import { useFormat } from "@/components/providers/format-provider";
import { AnalyticsHeader } from "../_components/analytics-header";
import { ChartCard } from "../_components/chart-card";
import { Stat } from "../_components/stat";
import { useAnalyticsView } from "../_components/use-analytics-view";
import { ViewBody } from "../_components/view-body";

export function CustomerAnalytics({ initial }: { initial: AnalyticsView<"customers"> }) {
  const state = useAnalyticsView(initial);
  const format = useFormat();
  const { range } = state.view;
  const { series, snapshot, stages } = state.view.data;
  const x = range.bucket === "day" ? "Day" : "Week";
  const bands = snapshot.lifetimeValue.map((b, i, all) => {
    const next = all[i + 1];
    const from = Number(b.band);
    const label =
      from === 0
        ? "Nothing spent"
        : next
          ? `${format.money(from)} – ${format.money(Number(next.band) - 1)}`
          : `${format.money(from)} or more`;
    return { band: label, n: b.n };
  });
  return (
    <>
      <AnalyticsHeader
        title="Analytics"
        description="Who your customers are and how your team works them: new and active customers, stages, value and follow-ups."
        state={state}
      />
      <ViewBody stale={state.showingPrevious}>
        <dl className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Stat
            label="New customers"
            value={format.number(series.reduce((s, b) => s + b.newCustomers, 0))}
            testId="stat-new-customers"
          />
          <Stat label="Active in the range" value={format.number(snapshot.active)} hint="Seen at least once" />
          <Stat label="At risk today" value={format.number(snapshot.atRisk)} />
          <Stat label="Follow-ups overdue today" value={format.number(snapshot.followUpsOverdue)} />
        </dl>
        <div className="grid gap-6 xl:grid-cols-2">
          <ChartCard
            title="New customers, interactions and follow-ups done"
            kind="line"
            xKey="bucket"
            xLabel={x}
            xIsDay
            columns={[
              { key: "newCustomers", label: "New customers", format: "count" },
              { key: "interactions", label: "Interactions", format: "count" },
              { key: "followUpsDone", label: "Follow-ups done", format: "count" },
            ]}
            rows={series}
            filename={`customers-activity-${range.fromDay}-${range.toDay}`}
            testId="chart-customers"
          />
          <ChartCard
            title="Lifecycle stages over time"
            description="Customers in each stage at the end of each period, as far back as stage changes were recorded."
            kind="line"
            xKey="bucket"
            xLabel={x}
            xIsDay
            columns={LIFECYCLE_STAGES.map((s) => ({ key: s, label: LIFECYCLE_LABELS[s], format: "count" as const }))}
            rows={stages}
            filename={`customers-lifecycle-${range.fromDay}-${range.toDay}`}
            testId="chart-lifecycle-over-time"
            levels
          />
          <ChartCard
            title="Lifecycle stages today"
            kind="bar"
            xKey="stage"
            xLabel="Stage"
            columns={[{ key: "n", label: "Customers", format: "count" }]}
            rows={snapshot.byStage.map((s) => ({
              stage: LIFECYCLE_LABELS[s.stage as LifecycleStage] ?? s.stage,
              n: s.n,
            }))}
            filename="customers-lifecycle-today"
          />
          <ChartCard
            title="Lifetime value"
            description="Customers by what they have spent in all."
            kind="bar"
            xKey="band"
            xLabel="Spent"
            columns={[{ key: "n", label: "Customers", format: "count" }]}
            rows={bands}
            filename="customers-lifetime-value"
          />
          <ChartCard
            title="Interactions by channel"
            kind="bar"
            xKey="key"
            xLabel="Channel"
            columns={[{ key: "n", label: "Interactions", format: "count" }]}
            rows={snapshot.byChannel}
            filename={`customers-interactions-channel-${range.fromDay}-${range.toDay}`}
          />
          <ChartCard
            title="Interactions by teammate"
            kind="bar"
            xKey="key"
            xLabel="Teammate"
            columns={[{ key: "n", label: "Interactions", format: "count" }]}
            rows={snapshot.byStaff}
            filename={`customers-interactions-teammate-${range.fromDay}-${range.toDay}`}
          />
        </div>
      </ViewBody>
    </>
  );
}
