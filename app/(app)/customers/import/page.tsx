import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import Link from "next/link";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listImports } from "@/lib/customers/import/jobs";
import { Card, PageHeader } from "@/components/ui/card";
import { ImportWizard } from "../_components/import/import-wizard";

export const metadata: Metadata = { title: "Import customers" };

export default async function ImportPage() {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "customers:import")) forbidden();
  const recent = await listImports(ctx);
  return (
    <>
      <PageHeader
        title="Import customers"
        description="Upload a CSV, check the column mapping and the preview, then import in the background."
      />
      <div className="space-y-6">
        <ImportWizard />
        {recent.length ? (
          <Card title="Recent imports">
            <ul className="divide-y divide-slate-100 text-sm">
              {recent.map((j) => (
                <li key={j.id} className="flex justify-between py-2">
                  <Link className="text-brand-700 hover:underline" href={`/customers/import/${j.id}`}>
                    {j.fileName}
                  </Link>
                  <span className="text-slate-500">
                    {j.status} · {j.processedRows}/{j.totalRows} rows
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </div>
    </>
  );
}
