import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import Link from "next/link";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listSegments } from "@/lib/segments/segments";
import { Card, PageHeader } from "@/components/ui/card";
import { NewPlaybookForm } from "../_components/editor/new-playbook-form";
import { BuiltInPicker } from "../_components/built-in-picker";
import { DEFAULT_PLAYBOOKS } from "@/lib/playbooks/defaults";

export const metadata: Metadata = { title: "New playbook" };
export const dynamic = "force-dynamic";

export default async function NewPlaybookPage() {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "playbooks:manage")) forbidden();
  const segments = (await listSegments(ctx)).map((s) => ({ id: s.id, name: s.name }));
  return (
    <>
      <Link href="/playbooks" className="text-sm text-brand-700 hover:underline">
        ← All playbooks
      </Link>
      <PageHeader title="New playbook" description="Pick what starts it first; then build its steps on the canvas." />
      <div className="space-y-6">
        <Card title="From scratch">
          <NewPlaybookForm segments={segments} />
        </Card>
        <Card
          title="From a built-in playbook"
          description="A copy to change as you like, as a draft: the built-in itself stays as it is."
        >
          <BuiltInPicker
            builtIns={DEFAULT_PLAYBOOKS.map((d) => ({ key: d.key, name: d.name, description: d.description }))}
          />
        </Card>
      </div>
    </>
  );
}
