"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { CustomerOption } from "@/lib/customers/picker";
import { Input } from "@/components/ui/field";

type Props = {
  id: string;
  value: CustomerOption | null;
  onChange: (option: CustomerOption | null) => void;
  search: (input: { q: string; excludeId?: string }) => Promise<ActionResult<CustomerOption[]>>;
  excludeId?: string;
  disabled?: boolean;
  invalid?: boolean;
  describedBy?: string;
  placeholder?: string;
};

/**
 * A searchable customer picker following the ARIA combobox pattern: type two letters, move with
 * ↑/↓, choose with Enter, close with Escape. The chosen customer shows by name, with a way to clear it.
 */
export function CustomerPicker({
  id,
  value,
  onChange,
  search,
  excludeId,
  disabled,
  invalid,
  describedBy,
  placeholder = "Type a name, email or phone",
}: Props) {
  const listId = useId();
  const [query, setQuery] = useState("");
  const [options, setOptions] = useState<CustomerOption[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState<"idle" | "loading" | "error">("idle");
  const latest = useRef(0);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) return;
    const ticket = ++latest.current;
    const timer = setTimeout(async () => {
      setStatus("loading");
      const result = await search({ q, excludeId }).catch(() => null);
      if (ticket !== latest.current) return; // a newer search is under way
      setStatus(result?.ok ? "idle" : "error");
      setOptions(result?.ok ? result.data : []);
      setActive(result?.ok && result.data.length ? 0 : -1);
    }, 200);
    return () => clearTimeout(timer);
  }, [query, excludeId, search]);

  function choose(option: CustomerOption) {
    onChange(option);
    setQuery("");
    setOptions([]);
    setOpen(false);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      if (options.length)
        setActive((i) =>
          event.key === "ArrowDown" ? (i + 1) % options.length : (i - 1 + options.length) % options.length,
        );
    } else if (event.key === "Enter" && open && active >= 0 && options[active]) {
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
    }
  }

  if (value) {
    return (
      <div
        className="flex items-center justify-between gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        data-testid={`${id}-chosen`}
      >
        <span>
          <a className="font-medium text-brand-700 hover:underline" href={`/customers/${value.id}`}>
            {value.name}
          </a>
          {value.detail ? <span className="ml-1 text-slate-500">{value.detail}</span> : null}
        </span>
        {disabled ? null : (
          <button
            type="button"
            className="text-xs font-medium text-slate-600 underline"
            aria-label={`Clear ${value.name}`}
            onClick={() => {
              onChange(null);
              requestAnimationFrame(() => inputRef.current?.focus());
            }}
          >
            Change
          </button>
        )}
      </div>
    );
  }

  const q = query.trim();
  const showList = open && q.length >= 2;
  return (
    <div className="relative">
      <Input
        ref={inputRef}
        id={id}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        autoComplete="off"
        disabled={disabled}
        placeholder={placeholder}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
          if (event.target.value.trim().length < 2) setOptions([]);
          else setStatus("loading");
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      {showList ? (
        <ul
          id={listId}
          role="listbox"
          aria-label="Matching customers"
          className="absolute z-20 mt-1 max-h-64 w-full overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
        >
          {options.map((option, i) => (
            <li
              key={option.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={`cursor-pointer px-3 py-1.5 ${i === active ? "bg-brand-50 text-brand-900" : ""}`}
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => choose(option)}
            >
              <span className="font-medium">{option.name}</span>
              {option.detail ? <span className="ml-1 text-slate-500">{option.detail}</span> : null}
            </li>
          ))}
          {options.length === 0 ? (
            <li className="px-3 py-1.5 text-slate-500" role="presentation">
              {status === "loading"
                ? "Searching…"
                : status === "error"
                  ? "Search failed; try again."
                  : "No matching customers."}
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
