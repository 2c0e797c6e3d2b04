import type { Metadata } from "next";
import Link from "next/link";
import { requireSession } from "@/lib/auth/session";
import { customerSummary } from "@/lib/customers/summary";
import { LIFECYCLE_LABELS, LIFECYCLE_STAGES } from "@/lib/customers/lifecycle";
import { Card, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { serverFormatter } from "@/lib/format/server";
import { Headlines } from "./_components/headlines";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const ctx = await requireSession();
  const summary = await customerSummary(ctx);
  const format = await serverFormatter(ctx.org);
  return (
    <>
      <PageHeader
        title={`Welcome, ${ctx.user.name.split(" ")[0]}`}
        description={`Here is how ${ctx.org.name}'s customers stand today.`}
      />
      {summary.total === 0 ? (
        <Card>
          <div className="py-6 text-center" data-testid="empty-workspace">
            <h2 className="text-base font-semibold">No customers yet</h2>
            <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
              Your workspace is empty. Customers you add, import or receive through the API will be counted here by
              lifecycle stage.
            </p>
          </div>
        </Card>
      ) : (
        <div className="space-y-6">
          <dl className="grid gap-4 sm:grid-cols-2">
            <Stat label="Customers" value={format.number(summary.total)} testId="customer-total" />
            <Stat label="Seen in the last 30 days" value={format.number(summary.seenLast30Days)} />
          </dl>
          {can(ctx.actor.role, "analytics:read") ? <Headlines ctx={ctx} format={format} /> : null}
          <p className="flex flex-wrap gap-4 text-sm">
            <Link href="/customers" className="font-medium text-brand-700 hover:underline">
              Open the customer list →
            </Link>
            <Link href="/follow-ups" className="font-medium text-brand-700 hover:underline">
              My follow-ups →
            </Link>
          </p>
          <Card title="By lifecycle stage">
            <dl className="grid grid-cols-2 gap-4 sm:grid-cols-5">
              {LIFECYCLE_STAGES.map((stage) => (
                <div key={stage}>
                  <dt className="text-sm text-slate-500">{LIFECYCLE_LABELS[stage]}</dt>
                  <dd className="text-xl font-semibold">{format.number(summary.byStage[stage])}</dd>
                </div>
              ))}
            </dl>
          </Card>
        </div>
      )}
    </>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-5 py-4">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="mt-1 text-3xl font-semibold" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
