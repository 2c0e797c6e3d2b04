import type { Metadata } from "next";
import Link from "next/link";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listContacts } from "@/lib/customers/list";
import { DEFAULT_COLUMNS, LIST_COLUMNS, parseListFilters, type ListColumn } from "@/lib/customers/list.schema";
import { contactTagList, listTags } from "@/lib/customers/tags";
import { listAssignees } from "@/lib/customers/assignees";
import { listSegments } from "@/lib/segments/segments";
import { PageHeader } from "@/components/ui/card";
import { buttonClasses } from "@/components/ui/button";
import { CustomerFilters } from "./_components/customer-filters";
import { CustomerTable } from "./_components/customer-table";
import { NewCustomer } from "./_components/new-customer";

export const metadata: Metadata = { title: "Customers" };

type Params = Record<string, string | string[] | undefined>;

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Params> }) {
  const ctx = await requireSession();
  const params = await searchParams;
  const filters = parseListFilters(params);
  const colsParam = typeof params.cols === "string" ? params.cols.split(",") : null;
  const columns = colsParam ? LIST_COLUMNS.filter((c) => colsParam.includes(c)) : DEFAULT_COLUMNS;
  const [{ rows, nextCursor }, tags, assignees] = await Promise.all([
    listContacts(ctx, filters),
    listTags(ctx),
    listAssignees(ctx),
  ]);
  const rowTags = await contactTagList(
    ctx,
    rows.map((r) => r.id),
  );
  // Hand-picked segments take customers from here (owners build segments).
  const staticSegments = can(ctx.actor.role, "segments:manage")
    ? (await listSegments(ctx)).filter((s) => s.kind === "static").map((s) => ({ id: s.id, name: s.name }))
    : [];
  const query = new URLSearchParams(
    Object.entries(params).flatMap(([k, v]) => (typeof v === "string" && k !== "cursor" ? [[k, v]] : [])),
  );
  const nextHref = nextCursor ? `/customers?${new URLSearchParams([...query, ["cursor", nextCursor]])}` : null;
  const exportHref = `/customers/export?${query}`;
  return (
    <>
      <PageHeader title="Customers" description="Search, filter and work your customer list." />
      {/* The list uses the whole width the layout gives, as the lead board does. */}
      <div data-full-width hidden />
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <NewCustomer />
        {can(ctx.actor.role, "customers:import") ? (
          <Link href="/customers/import" className={buttonClasses("secondary")}>
            Import CSV
          </Link>
        ) : null}
        {can(ctx.actor.role, "customers:export") ? (
          <a href={exportHref} className={buttonClasses("secondary")} download>
            Export CSV
          </a>
        ) : null}
        <Link href="/customers/rules" className={buttonClasses("ghost")}>
          Lifecycle rules
        </Link>
        {can(ctx.actor.role, "customers:merge") ? (
          <Link href="/customers/duplicates" className={buttonClasses("ghost")}>
            Possible duplicates
          </Link>
        ) : null}
      </div>
      <CustomerFilters
        filters={filters}
        tags={tags}
        assignees={assignees}
        cols={typeof params.cols === "string" ? params.cols : ""}
      />
      <CustomerTable
        rows={rows.map((r) => ({
          ...r,
          lastSeenAt: r.lastSeenAt?.toISOString() ?? null,
          tags: rowTags.filter((t) => t.contactId === r.id),
        }))}
        columns={columns as ListColumn[]}
        assignees={assignees}
        staticSegments={staticSegments}
        filtered={!!(filters.q || filters.tags.length || filters.stage.length || filters.owner || filters.seen)}
      />
      <nav aria-label="Pages" className="mt-4 flex justify-between text-sm">
        {filters.cursor ? (
          <Link href={`/customers?${query}`} className="font-medium text-brand-700 hover:underline">
            ← First page
          </Link>
        ) : (
          <span />
        )}
        {nextHref ? (
          <Link href={nextHref} className="font-medium text-brand-700 hover:underline">
            Next page →
          </Link>
        ) : null}
      </nav>
    </>
  );
}
