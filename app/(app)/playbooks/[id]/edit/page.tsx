import type { Metadata } from "next";
import Link from "next/link";
import { notFound, forbidden } from "next/navigation";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { getEditorState } from "@/lib/playbooks/drafts";
import { TRIGGER_LABELS, type PlaybookTrigger } from "@/lib/playbooks/constants";
import { PageHeader } from "@/components/ui/card";
import { PlaybookEditor } from "../../_components/editor/playbook-editor";

export const metadata: Metadata = { title: "Edit playbook" };
export const dynamic = "force-dynamic";

/** The visual editor: owners only (reps and staff read the playbook's page). */
export default async function EditPlaybookPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "playbooks:manage")) forbidden();
  const { id } = await params;
  const state = await getEditorState(ctx, id).catch((e) => (e instanceof NotFoundError ? null : Promise.reject(e)));
  if (!state) notFound();
  return (
    <>
      <Link href={`/playbooks/${id}`} className="text-sm text-brand-700 hover:underline">
        ← {state.playbook.name}
      </Link>
      <PageHeader
        title={`Edit ${state.playbook.name}`}
        description={`Starts when: ${TRIGGER_LABELS[state.playbook.trigger as PlaybookTrigger] ?? state.playbook.trigger}. Changes save to a draft as you go; the live version keeps running until you publish.`}
      />
      <PlaybookEditor state={state} />
    </>
  );
}
