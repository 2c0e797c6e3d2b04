import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import Link from "next/link";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listSegments } from "@/lib/segments/segments";
import { Card, PageHeader } from "@/components/ui/card";
import { NewPlaybookForm } from "../_components/editor/new-playbook-form";

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
      <Card>
        <NewPlaybookForm segments={segments} />
      </Card>
    </>
  );
}
