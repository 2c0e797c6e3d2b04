"use client";

import { useEffect, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { enrolAction, searchCustomersAction } from "../actions";

type Option = { id: string; name: string; company?: string | null };

/** Manual enrolment: search, add customers to the list, enrol them all; entry rules still apply. */
export function EnrolForm({ playbookId }: { playbookId: string }) {
  const [q, setQ] = useState("");
  const [options, setOptions] = useState<Option[]>([]);
  const [picked, setPicked] = useState<Option[]>([]);
  const { run, pending, error, done } = useAction(enrolAction, {
    done: ({ started, skipped }) =>
      `${started} enrolled${skipped.length ? `; ${skipped.length} skipped (${[...new Set(skipped)].join("; ")})` : ""}.`,
    onSuccess: () => setPicked([]),
  });
  useEffect(() => {
    const t = setTimeout(async () => {
      const r = await searchCustomersAction({ q });
      if (r.ok) setOptions(r.data);
    }, 200);
    return () => clearTimeout(t);
  }, [q]);
  const add = (id: string) => {
    const o = options.find((x) => x.id === id);
    if (o && !picked.some((p) => p.id === id)) setPicked([...picked, o]);
  };
  const enrol = () => void run({ playbookId, enrol: { contactIds: picked.map((p) => p.id) } });
  return (
    <form
      aria-label="Enrol customers"
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        enrol();
      }}
    >
      <div className="grid gap-2 sm:grid-cols-2">
        <label className="text-sm">
          <span className="block text-xs font-medium text-slate-600">Search customers</span>
          <Input value={q} onChange={(e) => setQ(e.target.value)} placeholder="Name, email or company" />
        </label>
        <label className="text-sm">
          <span className="block text-xs font-medium text-slate-600">Customer to add</span>
          <Select value="" onChange={(e) => add(e.target.value)}>
            <option value="">Choose…</option>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
                {o.company ? ` — ${o.company}` : ""}
              </option>
            ))}
          </Select>
        </label>
      </div>
      {picked.length ? (
        <ul aria-label="Customers to enrol" className="flex flex-wrap gap-2">
          {picked.map((p) => (
            <li key={p.id} className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs">
              {p.name}
              <button
                type="button"
                aria-label={`Remove ${p.name}`}
                className="text-slate-500 hover:text-slate-900"
                onClick={() => setPicked(picked.filter((x) => x.id !== p.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending || picked.length === 0}>
          {pending
            ? "Enrolling…"
            : `Enrol ${picked.length || ""} customer${picked.length === 1 ? "" : "s"}`.replace("  ", " ")}
        </Button>
        {error ? (
          <span role="alert" className="text-sm text-red-700">
            {error}
          </span>
        ) : done ? (
          <span role="status" className="text-sm text-emerald-700">
            {done}
          </span>
        ) : null}
      </div>
    </form>
  );
}
