"use client";

import { useState } from "react";
import type { FieldOption } from "@/lib/segments/fields/types";
import { Input } from "@/components/ui/field";

/** Checkboxes for "any of / all of" values, with a filter once the list is long (tags, zones, stages). */
export function MultiSelect({
  options,
  value,
  onChange,
  label,
}: {
  options: FieldOption[];
  value: string[];
  onChange: (v: string[]) => void;
  label: string;
}) {
  const [q, setQ] = useState("");
  const needle = q.trim().toLowerCase();
  const shown = options.filter((o) => !needle || o.label.toLowerCase().includes(needle));
  const toggle = (v: string, on: boolean) => onChange(on ? [...value, v] : value.filter((x) => x !== v));
  return (
    <fieldset className="w-64 rounded-md border border-slate-300 bg-white p-2">
      <legend className="sr-only">{label}</legend>
      {options.length > 8 ? (
        <Input
          aria-label={`Filter ${label}`}
          placeholder="Filter…"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          className="mb-1 py-1"
        />
      ) : null}
      {options.length === 0 ? <p className="text-xs text-slate-500">Nothing to choose from yet.</p> : null}
      <div className="max-h-40 space-y-0.5 overflow-auto">
        {shown.map((o) => (
          <label key={o.value} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={value.includes(o.value)}
              onChange={(e) => toggle(o.value, e.target.checked)}
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
