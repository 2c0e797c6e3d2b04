"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { RANGE_PRESETS, type RangeIssue, type RangePreset } from "@/lib/analytics/range";
import { Button } from "@/components/ui/button";
import { pushView } from "./use-analytics-view";
import { ViewLink } from "./view-link";

const PRESET_LABELS: Record<RangePreset, string> = {
  "7d": "7 days",
  "30d": "30 days",
  "90d": "90 days",
  "1y": "1 year",
  custom: "Custom",
};

/**
 * The one date range every chart of the page follows; it lives in the URL so a view can be shared.
 * Changing it changes the URL in place and the page reads the new range without reloading.
 */
export function RangePicker({
  preset,
  fromDay,
  toDay,
  issues,
}: {
  preset: RangePreset;
  fromDay: string;
  toDay: string;
  issues: RangeIssue[];
}) {
  const pathname = usePathname();
  const params = useSearchParams();
  const [from, setFrom] = useState(fromDay);
  const [to, setTo] = useState(toDay);
  // A new range read from the server resets the custom fields (without remounting, so focus stays).
  const [shown, setShown] = useState(`${fromDay}/${toDay}`);
  if (shown !== `${fromDay}/${toDay}`) {
    setShown(`${fromDay}/${toDay}`);
    setFrom(fromDay);
    setTo(toDay);
  }
  const [error, setError] = useState<string | null>(null);

  const hrefWith = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    return `${pathname}?${next.toString()}`;
  };

  function applyCustom(event: FormEvent) {
    event.preventDefault();
    if (!from || !to) return setError("Choose a start and an end date.");
    if (from > to) return setError("The end date must be on or after the start date.");
    setError(null);
    pushView(hrefWith({ range: "custom", from, to }));
  }

  const issue = (field: RangeIssue["field"]) => issues.find((i) => i.field === field)?.message;
  return (
    <div className="mb-6 flex flex-wrap items-end gap-4" data-testid="range-picker">
      <nav aria-label="Date range" className="flex flex-wrap gap-1">
        {RANGE_PRESETS.map((p) => (
          <ViewLink
            key={p}
            href={hrefWith({ range: p, from: null, to: null })}
            aria-current={preset === p ? "true" : undefined}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${
              preset === p
                ? "bg-brand-600 text-white"
                : "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50"
            }`}
          >
            {PRESET_LABELS[p]}
          </ViewLink>
        ))}
      </nav>
      <form onSubmit={applyCustom} className="flex flex-wrap items-end gap-2" aria-label="Custom range">
        <label className="text-sm">
          <span className="block text-slate-600">From</span>
          <input
            type="date"
            name="from"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            className="rounded-md border border-slate-300 px-2 py-1.5"
            aria-invalid={!!issue("from") || undefined}
          />
        </label>
        <label className="text-sm">
          <span className="block text-slate-600">To</span>
          <input
            type="date"
            name="to"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            className="rounded-md border border-slate-300 px-2 py-1.5"
            aria-invalid={!!issue("to") || undefined}
          />
        </label>
        <Button type="submit" variant={preset === "custom" ? "primary" : "secondary"}>
          Apply range
        </Button>
      </form>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          // The URL answers at once; the numbers follow when read.
          checked={params.get("compare") === "1"}
          onChange={(e) => pushView(hrefWith({ compare: e.target.checked ? "1" : null }))}
        />
        Compare with the previous period
      </label>
      {error || issues.length ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {error ?? issues.map((i) => i.message).join(" ")}
          {issues.length ? " Showing the last 30 days instead." : ""}
        </p>
      ) : null}
    </div>
  );
}
