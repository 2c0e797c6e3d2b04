import "server-only";
import Link from "next/link";
import { emailSeries, emailTotals } from "@/lib/analytics/email-metrics";
import { pipelineSeries } from "@/lib/analytics/pipeline-metrics";
import { customerSeries } from "@/lib/analytics/customer-metrics";
import { resolveRange } from "@/lib/analytics/range";
import type { SessionContext } from "@/lib/auth/session";
import type { Formatter } from "@/lib/format";
import { Sparkline } from "./sparkline";

type Headline = { label: string; value: string; days: number[]; href: string; testId: string };

/** The last 30 days in four numbers, each with its days drawn small and a link to the page that explains it. */
export async function Headlines({ ctx, format }: { ctx: SessionContext; format: Formatter }) {
  const { range } = resolveRange({ range: "30d" }, { timeZone: ctx.org.timeZone });
  const [email, pipeline, customers] = await Promise.all([
    emailSeries(ctx, range),
    pipelineSeries(ctx, range),
    customerSeries(ctx, range),
  ]);
  const totals = emailTotals(email);
  const headlines: Headline[] = [
    {
      label: "Emails sent",
      value: format.number(totals.sent),
      days: email.map((d) => d.sent),
      href: "/analytics",
      testId: "headline-sent",
    },
    {
      label: "Opened by people",
      value: totals.openRateHuman === null ? "—" : format.percent(totals.openRateHuman),
      days: email.map((d) => d.openedHuman),
      href: "/analytics",
      testId: "headline-open-rate",
    },
    {
      label: "New customers",
      value: format.number(customers.reduce((s, d) => s + d.newCustomers, 0)),
      days: customers.map((d) => d.newCustomers),
      href: "/analytics/customers",
      testId: "headline-new-customers",
    },
    {
      label: "Won value",
      value: format.money(pipeline.reduce((s, d) => s + d.wonValue, 0)),
      days: pipeline.map((d) => d.wonValue),
      href: "/analytics/pipeline",
      testId: "headline-won-value",
    },
  ];
  return (
    <section aria-labelledby="headlines-title">
      <h2 id="headlines-title" className="mb-2 text-sm font-medium text-slate-600">
        Last 30 days
      </h2>
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {headlines.map((h) => (
          <div key={h.label} className="rounded-lg border border-slate-200 bg-white px-5 py-4" data-testid={h.testId}>
            <dt className="text-sm text-slate-500">
              <Link href={h.href} className="hover:underline">
                {h.label}
              </Link>
            </dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{h.value}</dd>
            <dd className="mt-2">
              <Sparkline values={h.days} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
