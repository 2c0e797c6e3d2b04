"use client";

import { useId, useMemo, useRef, useState } from "react";
import type { FieldInfo } from "@/lib/segments/fields/types";
import { inputClasses } from "@/components/ui/field";

/** A searchable field list (combobox): type to filter by name or category, arrows to move, Enter to pick. */
export function FieldPicker({
  fields,
  value,
  onChange,
  label,
}: {
  fields: FieldInfo[];
  value: string;
  onChange: (key: string) => void;
  label: string;
}) {
  const current = fields.find((f) => f.key === value);
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState("");
  const [active, setActive] = useState(0);
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const matches = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return fields.filter(
      (f) => !needle || f.label.toLowerCase().includes(needle) || f.category.toLowerCase().includes(needle),
    );
  }, [fields, q]);

  const pick = (f: FieldInfo) => {
    onChange(f.key);
    setOpen(false);
    setQ("");
  };

  return (
    <div className="relative w-56">
      <input
        ref={input}
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && matches[active] ? `${listId}-${active}` : undefined}
        className={`${inputClasses} py-1.5`}
        placeholder={current ? current.label : "Choose a field…"}
        value={open ? q : (current?.label ?? "")}
        onFocus={() => {
          setOpen(true);
          setActive(0);
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onChange={(e) => {
          setQ(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, matches.length - 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === "Enter" && open && matches[active]) {
            e.preventDefault();
            pick(matches[active]!);
          } else if (e.key === "Escape") {
            setOpen(false);
          }
        }}
      />
      {open ? (
        <ul
          id={listId}
          role="listbox"
          aria-label={`${label} options`}
          className="absolute z-20 mt-1 max-h-64 w-72 overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
        >
          {matches.length === 0 ? <li className="px-3 py-2 text-slate-500">No field matches “{q}”.</li> : null}
          {matches.map((f, i) => (
            <li
              key={f.key}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={`flex cursor-pointer justify-between gap-2 px-3 py-1.5 ${i === active ? "bg-brand-50" : ""}`}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(f);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span>{f.label}</span>
              <span className="text-xs text-slate-500">{f.category}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
