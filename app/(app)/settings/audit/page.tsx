import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { auditActorOptions, listAuditEntries } from "@/lib/audit/query";
import { auditFiltersQuery, auditFiltersSchema, type AuditFilters } from "@/lib/audit/filters";
import { Card, PageHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { serverFormatter } from "@/lib/format/server";
import { AuditFilterBar } from "./_components/audit-filter-bar";
import { AuditTable } from "./_components/audit-table";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditLogPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireSession();
  if (!can(ctx.actor, "audit:read")) forbidden();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = auditFiltersSchema.safeParse(raw);
  const filters: AuditFilters = parsed.success ? parsed.data : {};
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => `${String(i.path[0] ?? "filter")}: ${i.message}`);
  const [page, actors, format] = await Promise.all([
    listAuditEntries(ctx, filters),
    auditActorOptions(ctx),
    serverFormatter({ locale: ctx.org.locale, timeZone: ctx.org.timeZone, currency: ctx.org.currency }),
  ]);
  const { cursor, ...withoutCursor } = filters;
  const filtered = Object.values(withoutCursor).some(Boolean);
  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Who changed what in this organisation, newest first. Dates are days in ${format.zoneLabel()}.`}
      />
      <div className="space-y-6">
        {problems.length ? (
          <Alert tone="error">These filters could not be used, so the whole log is shown: {problems.join("; ")}</Alert>
        ) : null}
        <Card title="Filter">
          <AuditFilterBar filters={withoutCursor} actors={actors} />
        </Card>
        <Card
          title="Entries"
          actions={
            <a
              href={`/settings/audit/export${auditFiltersQuery(withoutCursor)}`}
              className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50"
              download
            >
              Export CSV
            </a>
          }
        >
          <AuditTable entries={page.entries} filtered={filtered} />
          <nav aria-label="Audit log pages" className="mt-4 flex gap-3 text-sm">
            {cursor ? (
              <a href={`/settings/audit${auditFiltersQuery(withoutCursor)}`} className="text-brand-700 hover:underline">
                ← Newest entries
              </a>
            ) : null}
            {page.nextCursor ? (
              <a
                href={`/settings/audit${auditFiltersQuery({ ...withoutCursor, cursor: page.nextCursor })}`}
                className="text-brand-700 hover:underline"
                rel="next"
              >
                Older entries →
              </a>
            ) : null}
          </nav>
        </Card>
      </div>
    </>
  );
}
