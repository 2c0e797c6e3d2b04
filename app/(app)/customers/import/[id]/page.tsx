import type { Metadata } from "next";
import Link from "next/link";
import { notFound, forbidden } from "next/navigation";
import { requireSession } from "@/lib/auth/session";
import { Num } from "@/components/ui/when";
import { can } from "@/lib/auth/permissions";
import { getImportStatus } from "@/lib/customers/import/jobs";
import { NotFoundError } from "@/lib/errors";
import { Card, PageHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { AutoRefresh } from "../../_components/import/auto-refresh";

export const metadata: Metadata = { title: "Import progress" };

export default async function ImportStatusPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "customers:import")) forbidden();
  const job = await getImportStatus(ctx, (await params).id).catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const percent = job.totalRows ? Math.round((job.processedRows / job.totalRows) * 100) : 0;
  const active = job.status === "pending" || job.status === "running";
  return (
    <>
      <PageHeader
        title={`Import: ${job.fileName}`}
        description={`Existing emails: ${job.mode === "skip" ? "skipped" : "updated"}.`}
      />
      {active ? <AutoRefresh /> : null}
      <Card>
        <div className="space-y-3 text-sm">
          <p aria-live="polite" data-testid="import-status">
            {job.status === "pending"
              ? "Waiting for the background worker to pick this up…"
              : job.status === "running"
                ? "Importing…"
                : job.status === "completed"
                  ? "Finished."
                  : "Stopped."}{" "}
            <Num value={job.processedRows} /> of <Num value={job.totalRows} /> rows processed.
          </p>
          <div
            className="h-3 w-full overflow-hidden rounded-full bg-slate-100"
            role="progressbar"
            aria-label="Import progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
          >
            <div className="h-full bg-brand-600 transition-all" style={{ width: `${percent}%` }} />
          </div>
          {job.status === "failed" ? (
            <Alert tone="error">
              The import stopped: {job.error}. Rows 2 to {job.processedRows + 1} were handled (each batch is
              all-or-nothing); nothing after that landed.
            </Alert>
          ) : null}
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            <Stat label="Added" value={job.createdCount} />
            <Stat label="Updated" value={job.updatedCount} />
            <Stat label="Skipped (existing)" value={job.skippedCount} />
            <Stat label="Not imported (incl. skipped)" value={job.notLandedCount} />
          </dl>
          {job.notLandedCount ? (
            <a
              className="font-medium text-brand-700 hover:underline"
              href={`/customers/import/${job.id}/rejected`}
              download
            >
              Download the rows that were not imported, with reasons (CSV)
            </a>
          ) : null}
          <p>
            <Link className="text-brand-700 hover:underline" href="/customers">
              Back to customers
            </Link>
          </p>
        </div>
      </Card>
    </>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold">
        <Num value={value} />
      </dd>
    </div>
  );
}
