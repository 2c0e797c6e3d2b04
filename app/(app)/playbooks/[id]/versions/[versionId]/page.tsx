import type { Metadata } from "next";
import Link from "next/link";
import { notFound, forbidden } from "next/navigation";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { getVersionView } from "@/lib/playbooks/canvas-views";
import { diffVersions, removedSteps } from "@/lib/playbooks/editor/diff";
import { Card, PageHeader } from "@/components/ui/card";
import { ActionButton } from "@/components/ui/action-button";
import { When } from "@/components/ui/when";
import { ReadOnlyCanvas } from "../../../_components/editor/read-only-canvas";
import { ChangeList } from "../../../_components/editor/change-list";
import { restoreVersionAction } from "../../../actions";

export const metadata: Metadata = { title: "Playbook version" };
export const dynamic = "force-dynamic";

/** One version read-only, highlighted against the version before it; owners restore it as the draft. */
export default async function VersionPage({ params }: { params: Promise<{ id: string; versionId: string }> }) {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "playbooks:read")) forbidden();
  const { id, versionId } = await params;
  const view = await getVersionView(ctx, id, versionId).catch((e) =>
    e instanceof NotFoundError ? null : Promise.reject(e),
  );
  if (!view) notFound();
  const { version: v, previous } = view;
  const diff = diffVersions(previous?.graph ?? null, v.graph);
  const manage = can(ctx.actor.role, "playbooks:manage");
  return (
    <>
      <Link href={`/playbooks/${id}`} className="text-sm text-brand-700 hover:underline">
        ← {view.playbook.name}
      </Link>
      <PageHeader
        title={`${view.playbook.name} — version ${v.number}`}
        description={`Read-only${v.current ? " · the live version" : v.publishedAt ? "" : " · the draft"}${v.note ? ` · ${v.note}` : ""}`}
      />
      <div className="space-y-6">
        <Card
          title={previous ? `Changes since version ${previous.number}` : "The first version"}
          actions={
            manage && v.publishedAt ? (
              <ActionButton
                label="Restore as draft"
                ariaLabel={`Restore version ${v.number} as draft`}
                confirm={`Yes, make version ${v.number} the draft`}
                warning="It replaces the current draft, if any."
                done={`Version ${v.number} is now the draft: open the editor to change or publish it.`}
                action={restoreVersionAction.bind(null, { playbookId: id, versionId: v.id })}
              />
            ) : null
          }
        >
          <p className="mb-3 text-sm text-slate-600">
            {v.publishedAt ? (
              <>
                Published <When value={new Date(v.publishedAt)} />
                {v.author ? ` by ${v.author}` : ""}.
              </>
            ) : (
              "Not published yet."
            )}
          </p>
          <ChangeList diff={diff} before={previous?.graph ?? null} after={v.graph} templates={view.templates} />
        </Card>
        <ReadOnlyCanvas
          graph={v.graph}
          templates={view.templates}
          marks={previous ? diff.marks : {}}
          removed={removedSteps(previous?.graph ?? null, v.graph)}
          label={`Version ${v.number} (read-only)`}
        />
      </div>
    </>
  );
}
