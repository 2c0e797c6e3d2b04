import type { Metadata } from "next";
import Link from "next/link";
import { notFound, forbidden } from "next/navigation";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { getPlaybookDetail, templateNames } from "@/lib/playbooks/queries";
import { EXIT_EVENT_LABELS, TRIGGER_LABELS, type ExitEventName, type PlaybookTrigger } from "@/lib/playbooks/constants";
import { Card, PageHeader } from "@/components/ui/card";
import { GraphView } from "@/app/(app)/playbooks/_components/graph-view";
import { StatusBadge } from "@/components/playbooks/status-badge";
import { pageFormatter } from "@/lib/format/server";
import { StatusToggle } from "../_components/status-toggle";
import { DuplicateButton } from "../_components/duplicate-button";
import { VersionsCard } from "../_components/versions-card";
import { RunsTable } from "../_components/runs-table";
import { EnrolForm } from "../_components/enrol-form";
import { TriggerForm } from "../_components/trigger-form";
import { SettingsEditor } from "../_components/settings-form";
import { listSegments } from "@/lib/segments/segments";
import { recordHistory } from "@/lib/audit/query";
import { HistoryCard } from "@/components/history/history-card";
import { graphSchema } from "@/lib/playbooks/graph.schema";

export const metadata: Metadata = { title: "Playbook" };
export const dynamic = "force-dynamic";

export default async function PlaybookPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ before?: string }>;
}) {
  const ctx = await requireSession();
  const fmt = await pageFormatter();
  if (!can(ctx.actor.role, "playbooks:read")) forbidden();
  const { id } = await params;
  const { before } = await searchParams;
  const d = await getPlaybookDetail(ctx, id, before).catch((e) =>
    e instanceof NotFoundError ? null : Promise.reject(e),
  );
  if (!d) notFound();
  const templates = await templateNames(ctx);
  const history = can(ctx.actor, "audit:read") ? await recordHistory(ctx, "playbook", d.playbook.id) : null;
  const manage = can(ctx.actor.role, "playbooks:manage");
  const pb = d.playbook;
  // Owners manage playbooks and segments alike: they pick the trigger's segment from the list.
  const segments =
    manage || pb.triggerSegmentId ? (await listSegments(ctx)).map((s) => ({ id: s.id, name: s.name })) : [];
  const triggerSegment = segments.find((s) => s.id === pb.triggerSegmentId);
  const triggerLabel = `${TRIGGER_LABELS[pb.trigger as PlaybookTrigger] ?? pb.trigger}${triggerSegment ? `: “${triggerSegment.name}”` : ""}`;
  const reentry =
    pb.reentry === "after_days"
      ? `again after ${pb.reentryDays} days`
      : pb.reentry === "always"
        ? "any time"
        : "never again";
  const summary = (
    <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-3">
      <div>
        <dt className="text-xs text-slate-500">Status</dt>
        <dd>
          <StatusBadge status={pb.status} />
        </dd>
      </div>
      <div>
        <dt className="text-xs text-slate-500">Trigger</dt>
        <dd>
          {triggerSegment ? (
            <Link className="text-brand-700 hover:underline" href={`/segments/${triggerSegment.id}`}>
              {triggerLabel}
            </Link>
          ) : (
            triggerLabel
          )}
        </dd>
      </div>
      <div>
        <dt className="text-xs text-slate-500">Kind</dt>
        <dd>{pb.marketing ? "Marketing (stops on unsubscribe)" : "Transactional"}</dd>
      </div>
      <div>
        <dt className="text-xs text-slate-500">Entry</dt>
        <dd>One active run per customer; re-entry {reentry}</dd>
      </div>
      <div className="sm:col-span-2">
        <dt className="text-xs text-slate-500">Exits</dt>
        <dd>
          {pb.exitEvents.length
            ? pb.exitEvents
                .map(
                  (e) =>
                    `${EXIT_EVENT_LABELS[e.event as ExitEventName] ?? e.event}${e.converts ? " (conversion)" : ""}`,
                )
                .join(", ")
            : "None: runs go to the end"}
        </dd>
      </div>
    </dl>
  );
  return (
    <>
      <Link href="/playbooks" className="text-sm text-brand-700 hover:underline">
        ← All playbooks
      </Link>
      <PageHeader title={pb.name} description={pb.description} />
      <Link
        href={`/playbooks/${pb.id}/edit`}
        className="mr-4 mb-4 inline-block text-sm font-medium text-brand-700 hover:underline"
      >
        {manage ? "Edit steps →" : "View the steps on the canvas →"}
      </Link>
      {manage ? (
        <span className="mr-4 mb-4 inline-block">
          <DuplicateButton playbookId={pb.id} name={pb.name} />
        </span>
      ) : null}
      {pb.currentVersionId ? (
        <Link
          href={`/playbooks/${pb.id}/simulate`}
          className="mb-4 inline-block text-sm font-medium text-brand-700 hover:underline"
        >
          Simulate a run →
        </Link>
      ) : null}
      <div className="space-y-6">
        <Card
          title="Settings"
          actions={
            manage ? (
              <StatusToggle
                playbookId={pb.id}
                name={pb.name}
                status={pb.status}
                published={!!pb.currentVersionId}
                archivable
              />
            ) : null
          }
        >
          {manage ? (
            <SettingsEditor
              playbookId={pb.id}
              initial={{
                name: pb.name,
                description: pb.description,
                marketing: pb.marketing,
                reentry: pb.reentry,
                reentryDays: pb.reentryDays ?? "",
                exitEvents: pb.exitEvents,
              }}
            >
              {summary}
            </SettingsEditor>
          ) : (
            summary
          )}
          {manage ? (
            <div className="mt-4 border-t border-slate-200 pt-4">
              <TriggerForm
                playbookId={pb.id}
                trigger={pb.trigger}
                segmentId={pb.triggerSegmentId}
                segments={segments}
              />
            </div>
          ) : null}
        </Card>
        <Card
          title={d.current ? `Steps — version ${d.current.number}` : "Steps"}
          description={
            d.current
              ? `Published ${d.current.publishedAt ? fmt.dateTime(d.current.publishedAt) : "—"}. Runs stay on the version they started with.`
              : "Not published yet."
          }
        >
          {d.current ? (
            <GraphView graph={d.current.graph} templates={templates} />
          ) : d.draft && graphSchema.safeParse(d.draft.graph).success ? (
            <GraphView graph={d.draft.graph} templates={templates} />
          ) : d.draft ? (
            <p className="text-sm text-slate-600">The draft is not complete yet: open the editor to finish it.</p>
          ) : null}
        </Card>
        <VersionsCard playbookId={pb.id} versions={d.versions} manage={manage} hasDraft={!!d.draft} />
        {manage && pb.status === "active" ? (
          <Card
            title="Enrol customers"
            description="Start this playbook for chosen customers now. One active run per customer; the re-entry rule applies."
          >
            <EnrolForm playbookId={pb.id} />
          </Card>
        ) : null}
        <Card title="Runs" description="Newest first.">
          <RunsTable runs={d.runs} versions={new Map(d.versions.map((v) => [v.id, v.number]))} />
          {d.nextBefore ? (
            <Link
              className="mt-3 inline-block text-sm text-brand-700 hover:underline"
              href={`/playbooks/${pb.id}?before=${encodeURIComponent(d.nextBefore)}`}
            >
              Older runs →
            </Link>
          ) : null}
        </Card>
        {history ? (
          <HistoryCard entries={history} logHref={`/settings/audit?targetType=playbook&targetId=${d.playbook.id}`} />
        ) : null}
      </div>
    </>
  );
}
