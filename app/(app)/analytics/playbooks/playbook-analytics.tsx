"use client";

import type { AnalyticsView } from "@/lib/analytics/views";
import { rangeSearch } from "@/lib/analytics/range";
import { useFormat } from "@/components/providers/format-provider";
import { AnalyticsHeader } from "../_components/analytics-header";
import { ChartCard } from "../_components/chart-card";
import { Stat } from "../_components/stat";
import { useAnalyticsView } from "../_components/use-analytics-view";
import { ViewBody } from "../_components/view-body";
import { ViewLink } from "../_components/view-link";
import { STEP_TITLES } from "./step-titles";

export function PlaybookAnalytics({ initial }: { initial: AnalyticsView<"playbooks"> }) {
  const state = useAnalyticsView(initial);
  const format = useFormat();
  const { range } = state.view;
  const { summaries, recovered, playbookId, funnel } = state.view.data;
  const search = rangeSearch(range, range.previous !== null);
  const entered = summaries.reduce((s, p) => s + p.entered, 0);
  const converted = summaries.reduce((s, p) => s + p.converted, 0);
  const x = range.bucket === "day" ? "Day" : "Week";

  return (
    <>
      <AnalyticsHeader
        title="Analytics"
        description="What your playbooks did: customers who entered, how far they got step by step, who converted and the revenue they brought back."
        state={state}
      />
      <ViewBody stale={state.showingPrevious}>
        <dl className="mb-6 grid gap-4 sm:grid-cols-3">
          <Stat label="Runs started" value={format.number(entered)} testId="stat-runs-started" />
          <Stat
            label="Converted"
            value={format.number(converted)}
            hint={entered > 0 ? `${format.percent(converted / entered)} of the runs started` : undefined}
          />
          <Stat
            label="Recovered revenue"
            value={format.money(recovered.reduce((s, b) => s + b.revenueMinor, 0))}
            hint="Conversions in the range"
            testId="stat-recovered"
          />
        </dl>
        <div className="grid gap-6">
          <ChartCard
            title="Recovered revenue"
            description="Payments and redeemed codes that converted a playbook run, by the day they came in."
            kind="bar"
            xKey="bucket"
            xLabel={x}
            xIsDay
            columns={[{ key: "revenueMinor", label: "Revenue", format: "money" }]}
            extraColumns={[{ key: "converted", label: "Runs converted", format: "count" }]}
            rows={recovered}
            filename={`playbooks-recovered-${range.fromDay}-${range.toDay}`}
            testId="chart-recovered"
          />
          <section className="rounded-lg border border-slate-200 bg-white shadow-xs" aria-labelledby="playbook-table">
            <h2 id="playbook-table" className="border-b border-slate-100 px-5 py-3 text-base font-semibold">
              Playbooks
            </h2>
            {summaries.length === 0 ? (
              <p className="px-5 py-8 text-center text-sm text-slate-500">No playbooks yet.</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-left text-sm">
                  <caption className="sr-only">Runs that started in the range, per playbook</caption>
                  <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600 uppercase">
                    <tr>
                      <th scope="col" className="px-3 py-2">
                        Playbook
                      </th>
                      {["Started", "Still running", "Completed", "Converted", "Conversion", "Revenue"].map((h) => (
                        <th key={h} scope="col" className="px-3 py-2 text-right">
                          {h}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {summaries.map((p) => (
                      <tr key={p.playbookId} className="border-b border-slate-100 last:border-0">
                        <th scope="row" className="px-3 py-2 font-medium">
                          <ViewLink
                            href={`/analytics/playbooks?${search}&playbook=${p.playbookId}`}
                            aria-current={p.playbookId === playbookId ? "true" : undefined}
                            className="text-brand-700 underline-offset-2 hover:underline aria-[current]:underline"
                          >
                            {p.name}
                          </ViewLink>
                        </th>
                        <td className="px-3 py-2 text-right tabular-nums">{format.number(p.entered)}</td>
                        <td className="px-3 py-2 text-right tabular-nums">{format.number(p.active)}</td>
                        <td className="px-3 py-2 text-right tabular-nums">{format.number(p.completed)}</td>
                        <td className="px-3 py-2 text-right tabular-nums">{format.number(p.converted)}</td>
                        <td className="px-3 py-2 text-right tabular-nums">
                          {p.entered > 0 ? format.percent(p.converted / p.entered) : "—"}
                        </td>
                        <td className="px-3 py-2 text-right tabular-nums">{format.money(p.revenueMinor)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          {funnel ? (
            <>
              <ChartCard
                title={`${funnel.name}: step by step`}
                description={`${format.number(funnel.entered)} runs started in the range, ${format.number(funnel.converted)} converted. Opens and clicks by people only.`}
                kind="bar"
                xKey="step"
                xLabel="Step"
                columns={[
                  { key: "reached", label: "Runs reached", format: "count" },
                  { key: "sent", label: "Emails sent", format: "count" },
                  { key: "openedHuman", label: "Opened", format: "count" },
                  { key: "clickedHuman", label: "Clicked", format: "count" },
                ]}
                rows={funnel.steps.map((s, i) => ({
                  step: `${i + 1}. ${STEP_TITLES[s.nodeType] ?? s.nodeType}`,
                  reached: s.reached,
                  sent: s.sent,
                  openedHuman: s.openedHuman,
                  clickedHuman: s.clickedHuman,
                }))}
                filename={`playbook-steps-${range.fromDay}-${range.toDay}`}
                testId="chart-playbook-steps"
              />
              <ChartCard
                title={`${funnel.name}: how runs ended`}
                kind="bar"
                xKey="reason"
                xLabel="Ended"
                columns={[{ key: "n", label: "Runs", format: "count" }]}
                rows={funnel.exits}
                filename={`playbook-exits-${range.fromDay}-${range.toDay}`}
              />
            </>
          ) : null}
        </div>
      </ViewBody>
    </>
  );
}
