import type { Metadata } from "next";
import Link from "next/link";
import { notFound, forbidden } from "next/navigation";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { getRunDetail, templateNames } from "@/lib/playbooks/queries";
import { Card, PageHeader } from "@/components/ui/card";
import { StatusBadge } from "@/components/playbooks/status-badge";
import { GraphView } from "@/app/(app)/playbooks/_components/graph-view";
import { ActionButton } from "@/components/ui/action-button";
import { pageFormatter } from "@/lib/format/server";
import { cancelPlaybookRunAction } from "../../actions";
import { Timeline } from "../../_components/run-timeline";

export const metadata: Metadata = { title: "Playbook run" };
export const dynamic = "force-dynamic";

export default async function PlaybookRunPage({ params }: { params: Promise<{ runId: string }> }) {
  const ctx = await requireSession();
  const fmt = await pageFormatter();
  if (!can(ctx.actor.role, "playbooks:read")) forbidden();
  const { runId } = await params;
  const d = await getRunDetail(ctx, runId).catch((e) => (e instanceof NotFoundError ? null : Promise.reject(e)));
  if (!d) notFound();
  const templates = await templateNames(ctx);
  const r = d.run;
  const name = `${d.firstName} ${d.lastName}`.trim();
  const reached = new Set(d.log.map((l) => l.nodeId));
  return (
    <>
      <Link href={`/playbooks/${d.playbookId}`} className="text-sm text-brand-700 hover:underline">
        ← {d.playbookName}
      </Link>
      <PageHeader
        title={`${d.playbookName} — ${name}`}
        description={`Run on version ${d.versionNumber}, started ${fmt.dateTime(r.startedAt)}.`}
      />
      <div className="space-y-6">
        <Card
          title="Status"
          actions={
            r.status === "active" && can(ctx.actor.role, "playbooks:manage") ? (
              <ActionButton
                label="Cancel run"
                variant="danger"
                confirm="Yes, cancel this run"
                done="The run is cancelled: nothing more will be sent."
                action={cancelPlaybookRunAction.bind(null, { runId: r.id })}
              />
            ) : null
          }
        >
          <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-4">
            <div>
              <dt className="text-xs text-slate-500">Status</dt>
              <dd>
                <StatusBadge status={r.status} />
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Customer</dt>
              <dd>
                <Link className="text-brand-700 hover:underline" href={`/customers/${r.contactId}`}>
                  {name}
                </Link>
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Ended</dt>
              <dd>{r.endedAt ? `${fmt.dateTime(r.endedAt)}${r.endReason ? ` — ${r.endReason}` : ""}` : "—"}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Conversion</dt>
              <dd>
                {r.convertedAt
                  ? `${fmt.dateTime(r.convertedAt)} · ${r.conversionSource}${r.conversionValueMinor != null ? ` · ${fmt.money(r.conversionValueMinor, { cents: true })} recovered` : ""}`
                  : "Not converted"}
              </dd>
            </div>
          </dl>
          {d.codes.length ? (
            <p className="mt-3 text-sm">
              Discount {d.codes.length === 1 ? "code" : "codes"}:{" "}
              {d.codes.map((c) => (
                <span key={c.id} className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">
                  {c.code} ({c.kind === "percent" ? `${c.value}%` : fmt.money(c.value, { cents: true })})
                  {c.redeemedAt
                    ? ` redeemed ${fmt.dateTime(c.redeemedAt)}`
                    : c.expiresAt
                      ? ` until ${fmt.date(c.expiresAt)}`
                      : ""}
                </span>
              ))}
            </p>
          ) : null}
        </Card>
        <Card
          title="Timeline"
          description="Every step of this run: done, deferred (and until when, in the customer's time), waiting, skipped or failed — and why."
        >
          <Timeline graph={d.graph} log={d.log} templates={templates} />
        </Card>
        <Card title="Steps of this version" description="Green steps have been reached.">
          <GraphView graph={d.graph} templates={templates} highlight={reached} />
        </Card>
      </div>
    </>
  );
}
