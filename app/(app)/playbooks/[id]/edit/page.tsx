import type { Metadata } from "next";
import Link from "next/link";
import { notFound, forbidden } from "next/navigation";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { getEditorState } from "@/lib/playbooks/drafts";
import { getCanvasView } from "@/lib/playbooks/canvas-views";
import { TRIGGER_LABELS, type PlaybookTrigger } from "@/lib/playbooks/constants";
import { PageHeader } from "@/components/ui/card";
import { PlaybookEditor } from "../../_components/editor/playbook-editor";
import { ReadOnlyCanvas } from "../../_components/editor/read-only-canvas";

export const metadata: Metadata = { title: "Edit playbook" };
export const dynamic = "force-dynamic";

const orNotFound = <T,>(p: Promise<T>) => p.catch((e) => (e instanceof NotFoundError ? null : Promise.reject(e)));
const triggerText = (t: string) => TRIGGER_LABELS[t as PlaybookTrigger] ?? t;

/** The visual editor for owners; reps and staff see the same canvas, read-only. */
export default async function EditPlaybookPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "playbooks:read")) forbidden();
  const { id } = await params;
  if (!can(ctx.actor.role, "playbooks:manage")) {
    const view = await orNotFound(getCanvasView(ctx, id));
    if (!view) notFound();
    return (
      <>
        <Link href={`/playbooks/${id}`} className="text-sm text-brand-700 hover:underline">
          ← {view.playbook.name}
        </Link>
        <PageHeader
          title={`Steps of ${view.playbook.name}`}
          description={`Read-only${view.version ? ` · ${view.version.live ? "live version" : "draft, version"} ${view.version.number}` : ""}. Starts when: ${triggerText(view.playbook.trigger)}. Only owners change playbooks.`}
        />
        <ReadOnlyCanvas graph={view.graph} templates={view.templates} label="Playbook canvas (read-only)" />
      </>
    );
  }
  const state = await orNotFound(getEditorState(ctx, id));
  if (!state) notFound();
  return (
    <>
      <Link href={`/playbooks/${id}`} className="text-sm text-brand-700 hover:underline">
        ← {state.playbook.name}
      </Link>
      <PageHeader
        title={`Edit ${state.playbook.name}`}
        description={`Starts when: ${triggerText(state.playbook.trigger)}. Changes save to a draft as you go; the live version keeps running until you publish.`}
      />
      <PlaybookEditor state={state} />
    </>
  );
}
