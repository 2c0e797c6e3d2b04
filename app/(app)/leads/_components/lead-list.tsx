"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ListPage, ListSort } from "@/lib/leads/list";
import type { Stage } from "@/lib/leads/pipeline";
import type { Person } from "@/lib/leads/people";
import { Money, When } from "@/components/ui/when";
import { LeadPanel } from "./lead-panel";
import { useOpenLead } from "./use-open-lead";

const COLUMNS: { key: ListSort; label: string }[] = [
  { key: "title", label: "Title" },
  { key: "stage", label: "Stage" },
  { key: "value", label: "Value" },
  { key: "score", label: "Score" },
  { key: "owner", label: "Owner" },
  { key: "created", label: "Created" },
];

export function LeadList({
  page,
  stages,
  lostReasons,
  owners,
  currency,
  query,
  sort,
  dir,
  canWrite,
  canLogCustomer,
}: {
  page: ListPage;
  stages: Stage[];
  lostReasons: string[];
  owners: Person[];
  currency: string;
  query: string;
  sort: ListSort;
  dir: "asc" | "desc";
  canWrite: boolean;
  canLogCustomer: boolean;
}) {
  const router = useRouter();
  const { openId, open, close } = useOpenLead();
  const href = (over: Record<string, string>) =>
    `/leads?${new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(query)), view: "list", sort, dir, page: String(page.page), ...over })}`;
  return (
    <div className="space-y-3">
      <div className="table-frame rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-600">
            <tr>
              {COLUMNS.map((c) => {
                const active = sort === c.key;
                const next = active && dir === "desc" ? "asc" : "desc";
                return (
                  <th
                    key={c.key}
                    scope="col"
                    className="px-3 py-2"
                    aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}
                  >
                    <Link href={href({ sort: c.key, dir: next, page: "1" })} className="hover:underline">
                      {c.label} {active ? (dir === "asc" ? "↑" : "↓") : ""}
                    </Link>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {page.rows.map((r) => (
              <tr key={r.id} className="border-b border-slate-100 last:border-0" data-testid="lead-row">
                <td className="px-3 py-2">
                  <button
                    type="button"
                    className="font-medium text-brand-700 hover:underline"
                    onClick={() => open(r.id)}
                    data-lead-opener={r.id}
                  >
                    {r.title}
                  </button>
                </td>
                <td className="px-3 py-2">{r.stageName}</td>
                <td className="px-3 py-2 tabular-nums">
                  <Money minor={r.value} currency={currency} />
                </td>
                <td className="px-3 py-2 tabular-nums">{r.score}</td>
                <td className="px-3 py-2">{r.ownerName ?? "Unassigned"}</td>
                <td className="px-3 py-2 text-slate-500">
                  <When value={r.createdAt} style="date" />
                </td>
              </tr>
            ))}
            {page.rows.length === 0 ? (
              <tr>
                <td colSpan={COLUMNS.length} className="px-3 py-8 text-center text-slate-500">
                  No leads match these filters.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="flex items-center justify-between text-sm">
        <span>
          {page.total} leads · page {page.page} of {page.pages}
        </span>
        <span className="flex gap-2">
          {page.page > 1 ? <Link href={href({ page: String(page.page - 1) })}>← Previous</Link> : null}
          {page.page < page.pages ? <Link href={href({ page: String(page.page + 1) })}>Next →</Link> : null}
        </span>
      </nav>
      {openId ? (
        <LeadPanel
          id={openId}
          stages={stages}
          owners={owners}
          lostReasons={lostReasons}
          currency={currency}
          canWrite={canWrite}
          canLogCustomer={canLogCustomer}
          onClose={close}
          onChanged={() => router.refresh()}
        />
      ) : null}
    </div>
  );
}
