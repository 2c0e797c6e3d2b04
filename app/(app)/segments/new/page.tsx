import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { fieldCatalog } from "@/lib/segments/registry";
import { emptyCriteria } from "@/lib/segments/criteria.schema";
import { PageHeader } from "@/components/ui/card";
import { QueryProvider } from "@/components/providers/query-provider";
import { SegmentBuilder } from "@/app/(app)/segments/_components/builder";

export const metadata: Metadata = { title: "New segment" };

export default async function NewSegmentPage() {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "segments:manage")) forbidden();
  const fields = await fieldCatalog(ctx);
  return (
    <>
      <PageHeader title="New segment" description="Add conditions; the count updates as you go." />
      <QueryProvider>
        <SegmentBuilder
          segmentId={null}
          initial={{ name: "", description: "", criteria: emptyCriteria() }}
          fields={fields}
        />
      </QueryProvider>
    </>
  );
}
