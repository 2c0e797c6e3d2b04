"use client";

import Link from "next/link";
import { useState } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { LIFECYCLE_LABELS, type LifecycleStage } from "@/lib/customers/lifecycle";
import { LIST_COLUMNS, type ListColumn } from "@/lib/customers/list.schema";
import { TagChip } from "@/app/(app)/customers/_components/tag-chip";
import { Button } from "@/components/ui/button";
import { useFormat } from "@/components/providers/format-provider";
import type { Formatter } from "@/lib/format";
import { Input, Select } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { useActions } from "@/components/forms/use-action";
import type { BulkUpdateInput } from "@/lib/customers/tags";
import { bulkUpdateAction } from "../actions";
import { addToSegmentAction } from "../../segments/actions";

export type Row = {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  lifecycleStage: LifecycleStage;
  ownerName: string | null;
  lastSeenAt: string | null;
  totalSpentMinor: number;
  tags: { id: string; name: string; color: string }[];
};

const COLUMN_LABELS: Record<ListColumn, string> = {
  email: "Email",
  phone: "Phone",
  company: "Company",
  stage: "Stage",
  owner: "Owner",
  tags: "Tags",
  last_seen: "Last seen",
  spent: "Spent",
};

function cell(row: Row, col: ListColumn, format: Formatter) {
  switch (col) {
    case "email":
      return row.email;
    case "phone":
      return row.phone;
    case "company":
      return row.company;
    case "stage":
      return LIFECYCLE_LABELS[row.lifecycleStage];
    case "owner":
      return row.ownerName ?? "—";
    case "tags":
      return (
        // Wide enough for a few tags side by side: a row grows a line only past that.
        <span className="flex min-w-[16rem] flex-wrap gap-1">
          {row.tags.map((t) => (
            <TagChip key={t.id} name={t.name} color={t.color} />
          ))}
        </span>
      );
    case "last_seen":
      return row.lastSeenAt ? format.date(row.lastSeenAt) : "Never";
    case "spent":
      return format.money(row.totalSpentMinor, { cents: true });
  }
}

export function CustomerTable({
  rows,
  columns,
  assignees,
  filtered,
  staticSegments = [],
}: {
  rows: Row[];
  columns: ListColumn[];
  assignees: { id: string; name: string }[];
  filtered: boolean;
  staticSegments?: { id: string; name: string }[];
}) {
  const router = useRouter();
  const format = useFormat();
  const pathname = usePathname();
  const search = useSearchParams();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [tag, setTag] = useState("");
  const [owner, setOwner] = useState("");
  const [segment, setSegment] = useState("");
  const { run, pending, error, done } = useActions();

  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));

  const setColumns = (col: ListColumn, on: boolean) => {
    const next = LIST_COLUMNS.filter((c) => (c === col ? on : columns.includes(c)));
    const params = new URLSearchParams(search.toString());
    params.set("cols", next.join(","));
    router.replace(`${pathname}?${params}`);
  };

  const clearSelection = () => setSelected(new Set());
  const plural = (n: number) => `${n} customer${n === 1 ? "" : "s"}`;
  const bulk = (input: Record<string, unknown>, done: string) =>
    run(() => bulkUpdateAction({ ...input, ids: [...selected] } as BulkUpdateInput), {
      done: (data) => `${done}: ${plural(data.changed)} changed.`,
      onSuccess: clearSelection,
    });

  const addToSegment = () => {
    const name = staticSegments.find((s) => s.id === segment)?.name ?? "the segment";
    const already = (added: number) => selected.size - added;
    return run(() => addToSegmentAction({ segmentId: segment, contactIds: [...selected] }), {
      done: ({ added }) =>
        `Added to ${name}: ${plural(added)}${already(added) > 0 ? ` (${already(added)} already in)` : ""}.`,
      onSuccess: clearSelection,
    });
  };

  if (rows.length === 0) {
    return (
      <div
        className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center"
        data-testid="customers-empty"
      >
        <h2 className="font-semibold">{filtered ? "No customers match these filters" : "No customers yet"}</h2>
        <p className="mt-1 text-sm text-slate-600">
          {filtered ? "Try a shorter search or clear a filter." : "Add a customer or import a CSV to get started."}
        </p>
      </div>
    );
  }

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <details className="relative">
          <summary className="cursor-pointer rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">
            Columns
          </summary>
          <fieldset className="absolute z-10 mt-1 w-48 space-y-1 rounded-md border border-slate-200 bg-white p-3 shadow">
            <legend className="sr-only">Visible columns</legend>
            {LIST_COLUMNS.map((c) => (
              <label key={c} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={columns.includes(c)}
                  onChange={(e) => setColumns(c, e.target.checked)}
                />
                {COLUMN_LABELS[c]}
              </label>
            ))}
          </fieldset>
        </details>
        {selected.size > 0 ? (
          <div
            role="group"
            aria-label="Bulk actions"
            className="flex flex-wrap items-center gap-2 rounded-md bg-brand-50 px-3 py-1.5 text-sm"
          >
            <span>{selected.size} selected</span>
            <Input
              aria-label="Tag for selected"
              placeholder="tag"
              value={tag}
              onChange={(e) => setTag(e.target.value)}
              className="w-32 py-1"
            />
            <Button
              variant="secondary"
              disabled={pending || !tag.trim()}
              onClick={() => bulk({ op: "tag", tag }, "Tagged")}
            >
              Tag
            </Button>
            <Button
              variant="secondary"
              disabled={pending || !tag.trim()}
              onClick={() => bulk({ op: "untag", tag }, "Untagged")}
            >
              Untag
            </Button>
            <Select
              aria-label="Assign selected to"
              value={owner}
              onChange={(e) => setOwner(e.target.value)}
              className="w-40 py-1"
            >
              <option value="">Assign to…</option>
              <option value="none">Nobody</option>
              {assignees.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </Select>
            <Button
              variant="secondary"
              disabled={pending || !owner}
              onClick={() => bulk({ op: "assign", ownerId: owner === "none" ? null : owner }, "Assigned")}
            >
              Assign
            </Button>
            {staticSegments.length ? (
              <>
                <Select
                  aria-label="Add selected to segment"
                  value={segment}
                  onChange={(e) => setSegment(e.target.value)}
                  className="w-44 py-1"
                >
                  <option value="">Add to segment…</option>
                  {staticSegments.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </Select>
                <Button variant="secondary" disabled={pending || !segment} onClick={addToSegment}>
                  Add
                </Button>
              </>
            ) : null}
          </div>
        ) : null}
      </div>
      {error ? <Alert tone="error">{error}</Alert> : done ? <Alert tone="success">{done}</Alert> : null}
      <div className="table-frame rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600 uppercase">
            <tr>
              <th className="w-8 px-3 py-2">
                <input
                  type="checkbox"
                  aria-label="Select all on this page"
                  checked={allSelected}
                  onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
                />
              </th>
              <th className="px-3 py-2">Name</th>
              {columns.map((c) => (
                <th key={c} className="px-3 py-2 whitespace-nowrap">
                  {COLUMN_LABELS[c]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-b border-slate-100 last:border-0 hover:bg-slate-50">
                <td className="px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label={`Select ${r.firstName} ${r.lastName}`}
                    checked={selected.has(r.id)}
                    onChange={() => toggle(r.id)}
                  />
                </td>
                <td className="px-3 py-2 font-medium whitespace-nowrap">
                  <Link href={`/customers/${r.id}`} className="text-brand-700 hover:underline">
                    {`${r.firstName} ${r.lastName}`.trim()}
                  </Link>
                </td>
                {columns.map((c) => (
                  <td key={c} className="px-3 py-2">
                    {cell(r, c, format)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
