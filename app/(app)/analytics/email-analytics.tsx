"use client";

import type { EmailTotals } from "@/lib/analytics/email-metrics";
import { MACHINE_REASON_LABELS, type MachineReason } from "@/lib/analytics/machine-engagement";
import { rangeSearch } from "@/lib/analytics/range";
import type { AnalyticsView } from "@/lib/analytics/views";
import type { Formatter } from "@/lib/format";
import { useFormat } from "@/components/providers/format-provider";
import { AnalyticsHeader } from "./_components/analytics-header";
import { ChartCard } from "./_components/chart-card";
import { Stat } from "./_components/stat";
import { useAnalyticsView } from "./_components/use-analytics-view";
import { ViewBody } from "./_components/view-body";
import { ViewLink } from "./_components/view-link";

export function EmailAnalytics({ initial }: { initial: AnalyticsView<"email"> }) {
  const state = useAnalyticsView(initial);
  const format = useFormat();
  const { range } = state.view;
  const {
    dating,
    series,
    totals,
    previousTotals: previous,
    reasons,
    campaigns: campaignsInRange,
    campaignLimit,
  } = state.view.data;
  const rate = (r: number | null) => (r === null ? "—" : format.percent(r));
  const prev = (pick: (t: EmailTotals) => string) => (previous ? pick(previous) : null);
  const datingHref = (d: "event" | "send") =>
    `/analytics?${rangeSearch(range, range.previous !== null)}${d === "send" ? "&dating=send" : ""}`;

  return (
    <>
      <AnalyticsHeader
        title="Analytics"
        description="What your email did: sent, delivered, opened and clicked by people (machines counted apart), unsubscribes, bounces and complaints."
        state={state}
      />
      <ViewBody stale={state.showingPrevious}>
        <p className="mb-4 text-sm text-slate-600">
          Opens and clicks dated by{" "}
          <DatingLink href={datingHref("event")} current={dating === "event"}>
            when they happened
          </DatingLink>{" "}
          ·{" "}
          <DatingLink href={datingHref("send")} current={dating === "send"}>
            the send they belong to
          </DatingLink>
        </p>
        <dl className="mb-6 grid gap-4 sm:grid-cols-3 lg:grid-cols-6">
          <Stat
            label="Sent"
            value={format.number(totals.sent)}
            previous={prev((t) => format.number(t.sent))}
            testId="stat-sent"
          />
          <Stat
            label="Delivered"
            value={format.number(totals.delivered)}
            previous={prev((t) => format.number(t.delivered))}
          />
          <Stat
            label="Human open rate"
            value={rate(totals.openRateHuman)}
            previous={prev((t) => rate(t.openRateHuman))}
            hint={`All opens: ${rate(totals.openRateTotal)}`}
            testId="stat-open-rate"
          />
          <Stat
            label="Human click rate"
            value={rate(totals.clickRateHuman)}
            previous={prev((t) => rate(t.clickRateHuman))}
          />
          <Stat
            label="Unsubscribes"
            value={format.number(totals.unsubscribed)}
            previous={prev((t) => format.number(t.unsubscribed))}
          />
          <Stat
            label="Bounces and complaints"
            value={format.number(totals.bounced + totals.complained)}
            previous={prev((t) => format.number(t.bounced + t.complained))}
          />
        </dl>
        <div className="grid gap-6 xl:grid-cols-2">
          <ChartCard
            title="Sent and delivered"
            kind="line"
            xKey="bucket"
            xLabel={range.bucket === "day" ? "Day" : "Week"}
            xIsDay
            columns={[
              { key: "sent", label: "Sent", format: "count" },
              { key: "delivered", label: "Delivered", format: "count" },
            ]}
            rows={series}
            filename={`email-sent-${range.fromDay}-${range.toDay}`}
            testId="chart-sent"
          />
          <ChartCard
            title="Opens: people and machines"
            description="Messages opened, counted once each. Machine opens are those with no human open."
            kind="bar"
            xKey="bucket"
            xLabel={range.bucket === "day" ? "Day" : "Week"}
            xIsDay
            columns={[
              { key: "openedHuman", label: "Human opens", format: "count" },
              { key: "openedMachine", label: "Machine opens", format: "count" },
            ]}
            extraColumns={[{ key: "openedTotal", label: "All opens", format: "count" }]}
            rows={series}
            filename={`email-opens-${range.fromDay}-${range.toDay}`}
            testId="chart-opens"
          />
          <ChartCard
            title="Clicks, unsubscribes and bounces"
            kind="line"
            xKey="bucket"
            xLabel={range.bucket === "day" ? "Day" : "Week"}
            xIsDay
            columns={[
              { key: "clickedHuman", label: "Human clicks", format: "count" },
              { key: "unsubscribed", label: "Unsubscribes", format: "count" },
              { key: "bounced", label: "Bounces", format: "count" },
              { key: "complained", label: "Complaints", format: "count" },
            ]}
            extraColumns={[{ key: "clickedTotal", label: "All clicks", format: "count" }]}
            rows={series}
            filename={`email-engagement-${range.fromDay}-${range.toDay}`}
          />
          <MachineReasons reasons={reasons} format={format} />
        </div>
        <div className="mt-6">
          <ChartCard
            title="Campaigns and their A/B variants"
            description={`Campaigns that started sending in this range (the newest ${campaignLimit}): people who opened and clicked, and conversions and revenue attributed so far by each campaign's rule.`}
            kind="bar"
            xKey="label"
            xLabel="Campaign"
            columns={[
              { key: "openRateHuman", label: "Human open rate", format: "percent" },
              { key: "clickRateHuman", label: "Human click rate", format: "percent" },
            ]}
            extraColumns={[
              { key: "sent", label: "Recipients", format: "count" },
              { key: "converted", label: "Converted", format: "count" },
              { key: "revenueMinor", label: "Revenue", format: "money" },
              { key: "incrementalRevenueMinor", label: "Incremental revenue (vs holdout)", format: "money" },
            ]}
            rows={campaignsInRange}
            filename={`campaigns-${range.fromDay}-${range.toDay}`}
            testId="chart-campaigns"
          />
        </div>
      </ViewBody>
    </>
  );
}

function DatingLink({ href, current, children }: { href: string; current: boolean; children: React.ReactNode }) {
  return current ? (
    <span aria-current="true" className="font-semibold text-slate-900">
      {children}
    </span>
  ) : (
    <ViewLink href={href} className="font-medium text-brand-700 hover:underline">
      {children}
    </ViewLink>
  );
}

function MachineReasons({ reasons, format }: { reasons: { reason: string; n: number }[]; format: Formatter }) {
  return (
    <section
      className="rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-xs"
      aria-labelledby="machine-title"
    >
      <h2 id="machine-title" className="text-base font-semibold">
        Left out as machine activity
      </h2>
      <p className="mt-0.5 text-sm text-slate-500">
        Opens and clicks by privacy proxies, link scanners and security gateways are recorded but not counted as people.
      </p>
      {reasons.length === 0 ? (
        <p className="mt-4 text-sm text-slate-500">No machine opens or clicks in this range.</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100 text-sm">
          {reasons.map((r) => (
            <li key={r.reason} className="flex justify-between py-1.5">
              <span>{MACHINE_REASON_LABELS[r.reason as MachineReason] ?? r.reason}</span>
              <span className="tabular-nums">{format.number(r.n)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
