import type { Metadata } from "next";
import Link from "next/link";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getBoard } from "@/lib/leads/board";
import { filtersToQuery, parseFilters } from "@/lib/leads/filters";
import { listLeadOwners, listTagsForFilter, orgCurrency } from "@/lib/leads/people";
import { listLeads, LIST_SORTS, type ListSort } from "@/lib/leads/list";
import { PageHeader } from "@/components/ui/card";
import { QueryProvider } from "@/components/providers/query-provider";
import { LeadBoard } from "@/app/(app)/leads/_components/lead-board";
import { FilterBar } from "@/app/(app)/leads/_components/filter-bar";
import { LeadList } from "@/app/(app)/leads/_components/lead-list";
import { getPipeline, type Pipeline } from "@/lib/leads/pipeline";

export const metadata: Metadata = { title: "Leads" };

type Search = Record<string, string | string[] | undefined>;

export default async function LeadsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const ctx = await requireSession();
  const params = await searchParams;
  const filters = parseFilters(params);
  const query = filtersToQuery(filters);
  const view = params.view === "list" ? "list" : "board";
  const [owners, tags, currency] = await Promise.all([listLeadOwners(ctx), listTagsForFilter(ctx), orgCurrency(ctx)]);
  const canWrite = can(ctx.actor.role, "leads:write");
  const canLogCustomer = can(ctx.actor.role, "customers:write");
  const viewHref = (v: string) =>
    `/leads?${new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(query)), ...(v === "list" ? { view: "list" } : {}) })}`;

  return (
    <QueryProvider>
      {/* The board uses the whole width the layout gives (see the has-[[data-full-width]] rule there). */}
      <div data-full-width hidden />
      {view === "board" ? (
        <a
          href="#board"
          className="sr-only focus:not-sr-only focus:mb-2 focus:inline-block focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:ring-2 focus:ring-brand-600"
        >
          Skip to the board
        </a>
      ) : null}
      <PageHeader
        title="Leads"
        description="Drag cards between stages with the mouse, or focus a card's handle and use Space and the arrow keys."
      />
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="Views" className="flex gap-1 text-sm">
          <Link
            href={viewHref("board")}
            aria-current={view === "board" ? "page" : undefined}
            className="rounded-md px-3 py-1.5 aria-[current=page]:bg-brand-600 aria-[current=page]:text-white"
          >
            Board
          </Link>
          <Link
            href={viewHref("list")}
            aria-current={view === "list" ? "page" : undefined}
            className="rounded-md px-3 py-1.5 aria-[current=page]:bg-brand-600 aria-[current=page]:text-white"
          >
            List
          </Link>
        </nav>
      </div>
      <FilterBar filters={filters} owners={owners} tags={tags} view={view} />
      {view === "board" ? (
        <LeadBoard
          key={query}
          initial={await getBoard(ctx, filters)}
          query={query}
          currency={currency}
          actor={ctx.actor}
          canWrite={canWrite}
          owners={owners}
          canLogCustomer={canLogCustomer}
        />
      ) : (
        <LeadList
          page={await listLeads(
            ctx,
            filters,
            sortOf(params.sort),
            params.dir === "asc" ? "asc" : "desc",
            Number(params.page) || 1,
          )}
          {...pick(await getPipeline(ctx))}
          owners={owners}
          currency={currency}
          query={query}
          sort={sortOf(params.sort)}
          dir={params.dir === "asc" ? "asc" : "desc"}
          canWrite={canWrite}
          canLogCustomer={canLogCustomer}
        />
      )}
    </QueryProvider>
  );
}

function sortOf(v: string | string[] | undefined): ListSort {
  return LIST_SORTS.includes(v as ListSort) ? (v as ListSort) : "created";
}

const pick = (p: Pipeline) => ({ stages: p.stages, lostReasons: p.lostReasons });
