import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import Link from "next/link";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listRuns } from "@/lib/jobs/runs";
import { RUN_WINDOWS, runFiltersSchema } from "@/lib/jobs/filters";
import { RUN_STATUSES } from "@/db/schema/executor";
import { currentTarget } from "@/inngest/target";
import { Card, PageHeader } from "@/components/ui/card";
import { buttonClasses } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import { DataTable, type DataColumn } from "@/components/ui/data-table";
import { CloudNotice } from "./_components/cloud-notice";
import { RunStatusBadge } from "./_components/job-status";
import { When } from "@/components/ui/when";
import { functionName } from "@/lib/jobs/function-names";

export const metadata: Metadata = { title: "Background jobs" };
export const dynamic = "force-dynamic";

type Run = Awaited<ReturnType<typeof listRuns>>["runs"][number];

const columns: DataColumn<Run>[] = [
  {
    key: "function",
    header: "Function",
    cell: (r) => (
      <Link href={`/jobs/${r.id}`} className="font-medium text-brand-700 hover:underline">
        {functionName(r.functionId)}
      </Link>
    ),
  },
  { key: "status", header: "Status", cell: (r) => <RunStatusBadge status={r.status} waitingFor={r.waitingFor} /> },
  { key: "trigger", header: "Trigger", className: "font-mono text-xs", cell: (r) => r.eventName },
  { key: "started", header: "Started", className: "text-xs text-slate-600", cell: (r) => <When value={r.createdAt} /> },
];

export default async function RunsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "jobs:read")) forbidden();
  const target = currentTarget();
  if (target.kind !== "embedded") return <CloudNotice target={target} />;
  const filters = runFiltersSchema.parse(await searchParams);
  const { runs, nextBefore, functions } = await listRuns(ctx, filters);
  const olderHref = nextBefore
    ? `/jobs?${new URLSearchParams({ ...(filters.fn ? { fn: filters.fn } : {}), ...(filters.status ? { status: filters.status } : {}), ...(filters.since ? { since: filters.since } : {}), before: nextBefore })}`
    : null;
  return (
    <>
      <PageHeader
        title="Background jobs"
        description="Background jobs of this organisation: what ran, what sleeps or waits, what failed and why."
      />
      <Card>
        <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter runs">
          <FilterSelect
            label="Function"
            name="fn"
            value={filters.fn}
            anyLabel="All functions"
            options={functions.map((f) => ({ value: f, label: functionName(f) }))}
          />
          <FilterSelect
            label="Status"
            name="status"
            value={filters.status}
            anyLabel="Any status"
            options={RUN_STATUSES.map((s) => ({ value: s, label: s }))}
          />
          <FilterSelect
            label="Started"
            name="since"
            value={filters.since}
            anyLabel="Any time"
            options={Object.keys(RUN_WINDOWS).map((w) => ({ value: w, label: `in the last ${w}` }))}
          />
          <button type="submit" className={buttonClasses("secondary")}>
            Filter
          </button>
        </form>
        <DataTable
          label="Background jobs"
          className="min-w-[40rem]"
          columns={columns}
          rows={runs}
          rowKey={(r) => r.id}
          empty="No runs match. Runs appear here when playbooks, imports and other background jobs start."
        />
        {olderHref ? (
          <div className="mt-4 text-right">
            <Link href={olderHref} className={buttonClasses("secondary")}>
              Older runs →
            </Link>
          </div>
        ) : null}
      </Card>
    </>
  );
}
