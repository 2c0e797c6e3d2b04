"use client";

import { useRouter } from "next/navigation";
import type { LeadFilters } from "@/lib/leads/filters";
import type { Person } from "@/lib/leads/people";
import { LEAD_SOURCE_LABELS, LEAD_SOURCES } from "@/lib/leads/constants";
import { Button } from "@/components/ui/button";

const cls = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** Filters live in the URL, so a filtered board can be reloaded, bookmarked and shared. */
export function FilterBar({
  filters,
  owners,
  tags,
  view,
}: {
  filters: LeadFilters;
  owners: Person[];
  tags: Person[];
  view: "board" | "list";
}) {
  const router = useRouter();
  const v = (x: unknown) => (x === undefined ? "" : String(x));
  return (
    <form
      role="search"
      aria-label="Filter leads"
      className="mb-4 flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const p = new URLSearchParams();
        for (const [k, val] of data.entries()) if (typeof val === "string" && val.trim()) p.set(k, val.trim());
        if (view === "list") p.set("view", "list");
        router.push(`/leads?${p}`);
      }}
    >
      <label className="text-xs text-slate-600">
        Search
        <input name="q" defaultValue={v(filters.q)} placeholder="Title or company" className={`${cls} block w-40`} />
      </label>
      <label className="text-xs text-slate-600">
        Owner
        <select name="owner" defaultValue={v(filters.owner)} className={`${cls} block`}>
          <option value="">Anyone</option>
          <option value="me">My leads</option>
          <option value="unassigned">Unassigned</option>
          {owners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs text-slate-600">
        Source
        <select name="source" defaultValue={v(filters.source)} className={`${cls} block`}>
          <option value="">Any</option>
          {LEAD_SOURCES.map((s) => (
            <option key={s} value={s}>
              {LEAD_SOURCE_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs text-slate-600">
        Tag
        <select name="tag" defaultValue={v(filters.tag)} className={`${cls} block`}>
          <option value="">Any</option>
          {tags.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="text-xs text-slate-600">
        <legend>Score</legend>
        <input
          name="scoreMin"
          aria-label="Minimum score"
          inputMode="numeric"
          defaultValue={v(filters.scoreMin)}
          placeholder="min"
          className={`${cls} w-14`}
        />
        <input
          name="scoreMax"
          aria-label="Maximum score"
          inputMode="numeric"
          defaultValue={v(filters.scoreMax)}
          placeholder="max"
          className={`${cls} ml-1 w-14`}
        />
      </fieldset>
      <fieldset className="text-xs text-slate-600">
        <legend>Value</legend>
        <input
          name="valueMin"
          aria-label="Minimum value"
          inputMode="decimal"
          defaultValue={v(filters.valueMin)}
          placeholder="min"
          className={`${cls} w-20`}
        />
        <input
          name="valueMax"
          aria-label="Maximum value"
          inputMode="decimal"
          defaultValue={v(filters.valueMax)}
          placeholder="max"
          className={`${cls} ml-1 w-20`}
        />
      </fieldset>
      <Button type="submit" variant="secondary">
        Apply filters
      </Button>
      <Button variant="ghost" onClick={() => router.push(view === "list" ? "/leads?view=list" : "/leads")}>
        Clear
      </Button>
    </form>
  );
}
