import type { Metadata } from "next";
import Link from "next/link";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listRuns } from "@/lib/runs/runs";
import { RUN_WINDOWS, runFiltersSchema } from "@/lib/runs/filters";
import { RUN_STATUSES } from "@/db/schema/executor";
import { currentTarget } from "@/inngest/target";
import { Card, PageHeader } from "@/components/ui/card";
import { Forbidden } from "@/components/ui/forbidden";
import { buttonClasses } from "@/components/ui/button";
import { CloudNotice } from "./cloud-notice";
import { formatTime, RunStatusBadge } from "./run-status";

export const metadata: Metadata = { title: "Runs" };
export const dynamic = "force-dynamic";

const selectClasses = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export default async function RunsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "runs:read")) return <Forbidden what="Runs" permission="runs:read" />;
  const target = currentTarget();
  if (target.kind !== "embedded") return <CloudNotice target={target} />;
  const filters = runFiltersSchema.parse(await searchParams);
  const { runs, nextBefore, functions } = await listRuns(ctx, filters);
  const olderHref = nextBefore ? `/runs?${new URLSearchParams({ ...(filters.fn ? { fn: filters.fn } : {}), ...(filters.status ? { status: filters.status } : {}), ...(filters.since ? { since: filters.since } : {}), before: nextBefore })}` : null;
  return (
    <>
      <PageHeader title="Runs" description="Background jobs of this organisation: what ran, what sleeps or waits, what failed and why." />
      <Card>
        <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter runs">
          <label className="text-sm">
            <span className="block text-xs font-medium text-slate-600">Function</span>
            <select name="fn" defaultValue={filters.fn ?? ""} className={selectClasses}>
              <option value="">All functions</option>
              {functions.map((f) => (
                <option key={f} value={f}>{f}</option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            <span className="block text-xs font-medium text-slate-600">Status</span>
            <select name="status" defaultValue={filters.status ?? ""} className={selectClasses}>
              <option value="">Any status</option>
              {RUN_STATUSES.map((s) => (
                <option key={s} value={s}>{s}</option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            <span className="block text-xs font-medium text-slate-600">Started</span>
            <select name="since" defaultValue={filters.since ?? ""} className={selectClasses}>
              <option value="">Any time</option>
              {Object.keys(RUN_WINDOWS).map((w) => (
                <option key={w} value={w}>in the last {w}</option>
              ))}
            </select>
          </label>
          <button type="submit" className={buttonClasses("secondary")}>Filter</button>
        </form>
        {runs.length === 0 ? (
          <p className="py-8 text-center text-sm text-slate-500">No runs match. Runs appear here when playbooks, imports and other background jobs start.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[40rem] text-left text-sm">
              <thead className="text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="py-2 pr-3 font-medium">Function</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Status</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Trigger</th>
                  <th scope="col" className="py-2 font-medium">Started</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {runs.map((r) => (
                  <tr key={r.id}>
                    <td className="py-2 pr-3">
                      <Link href={`/runs/${r.id}`} className="font-medium text-brand-700 hover:underline">{r.functionId}</Link>
                    </td>
                    <td className="py-2 pr-3"><RunStatusBadge status={r.status} waitingFor={r.waitingFor} /></td>
                    <td className="py-2 pr-3 font-mono text-xs">{r.eventName}</td>
                    <td className="py-2 text-xs text-slate-600">{formatTime(r.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {olderHref ? (
          <div className="mt-4 text-right">
            <Link href={olderHref} className={buttonClasses("secondary")}>Older runs →</Link>
          </div>
        ) : null}
      </Card>
    </>
  );
}
