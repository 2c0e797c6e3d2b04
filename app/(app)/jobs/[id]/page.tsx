import type { Metadata } from "next";
import Link from "next/link";
import { notFound, forbidden } from "next/navigation";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { getRun } from "@/lib/jobs/runs";
import { Card, PageHeader } from "@/components/ui/card";
import { RunStatusBadge } from "../_components/job-status";
import { When } from "@/components/ui/when";
import { RunActions } from "../_components/job-actions";
import { functionName } from "@/lib/jobs/function-names";
import { eventFields } from "@/lib/jobs/event-fields";

export const metadata: Metadata = { title: "Run" };
export const dynamic = "force-dynamic";

const json = (v: unknown) => JSON.stringify(v, null, 2);
const ACTIVE = new Set(["queued", "running", "sleeping", "waiting"]);

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "jobs:read")) forbidden();
  const { id } = await params;
  const found = await getRun(ctx, id).catch((e) => {
    if (e instanceof NotFoundError || (e as Error).name === "ZodError") return null;
    throw e;
  });
  if (!found) notFound();
  const { run, steps } = found;
  const manage = can(ctx.actor.role, "jobs:manage");
  return (
    <>
      <Link href="/jobs" className="text-sm text-brand-700 hover:underline">
        ← All runs
      </Link>
      <PageHeader title={functionName(run.functionId)} description={`Run ${run.id} of ${run.functionId}`} />
      <div className="space-y-6">
        <Card
          title="Status"
          actions={
            manage ? (
              <RunActions runId={run.id} canCancel={ACTIVE.has(run.status)} canRetry={run.status === "failed"} />
            ) : null
          }
        >
          <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-xs text-slate-500">Status</dt>
              <dd>
                <RunStatusBadge status={run.status} waitingFor={run.waitingFor} />
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Created</dt>
              <dd>
                <When value={run.createdAt} />
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Started</dt>
              <dd>
                <When value={run.startedAt} />
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Ended</dt>
              <dd>
                <When value={run.endedAt} />
              </dd>
            </div>
          </dl>
          {run.error ? (
            <div className="mt-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800" role="alert">
              <strong>{run.error.name ?? "Error"}:</strong> {run.error.message}
            </div>
          ) : null}
          {run.status === "completed" ? (
            <pre className="mt-4 max-h-64 overflow-auto rounded bg-slate-50 p-3 text-xs">{json(run.output)}</pre>
          ) : null}
        </Card>
        <Card title="Steps" description="In the order they ran. A step's output is stored once and never recomputed.">
          {steps.length === 0 ? (
            <p className="text-sm text-slate-500">No step has run yet.</p>
          ) : (
            <ol className="space-y-3">
              {steps.map((s) => (
                <li key={s.stepId} className="rounded-md border border-slate-200 p-3">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span className="font-medium">{s.name ?? s.stepId}</span>
                    <span className="text-xs text-slate-600">
                      {s.op} · {s.status} · {s.attempts} attempt{s.attempts === 1 ? "" : "s"} ·{" "}
                      <When value={s.startedAt} /> → <When value={s.endedAt} />
                    </span>
                  </div>
                  {s.error ? (
                    <p className="mt-2 text-sm text-red-700">
                      {s.error.name ?? "Error"}: {s.error.message}
                    </p>
                  ) : null}
                  {s.status === "completed" && s.output !== null ? (
                    <pre className="mt-2 max-h-48 overflow-auto rounded bg-slate-50 p-2 text-xs">{json(s.output)}</pre>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
        </Card>
        <Card title="Trigger event">
          <dl
            className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[minmax(8rem,auto)_1fr]"
            aria-label="Trigger event"
          >
            {eventFields(run.event).map((f) => (
              <div key={f.label} className="contents">
                <dt className="text-xs text-slate-600 sm:pt-0.5">{f.label}</dt>
                <dd className="break-all">{f.at ? <When value={f.at} /> : f.value}</dd>
              </div>
            ))}
          </dl>
          <details className="mt-4 text-sm">
            <summary className="cursor-pointer text-slate-700">The event as JSON</summary>
            <pre className="mt-2 max-h-80 overflow-auto rounded bg-slate-50 p-3 text-xs">{json(run.event)}</pre>
          </details>
        </Card>
      </div>
    </>
  );
}
