"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { unwrapAction } from "@/components/forms/action-feedback";
import { searchContactsAction } from "@/app/(app)/leads/actions";
import { Input, Select } from "@/components/ui/field";

/** Links a lead to a customer: type to search, then pick; "No contact" unlinks. */
export function ContactPicker({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (id: string) => void;
  error?: string;
}) {
  const [q, setQ] = useState("");
  const results = useQuery({
    queryKey: ["contacts", q, value],
    queryFn: () => unwrapAction(searchContactsAction({ q, includeId: value || undefined })),
  });
  return (
    <div className="space-y-1">
      <label htmlFor="lead-contact-search" className="block text-sm font-medium text-slate-700">
        Contact
      </label>
      <Input
        id="lead-contact-search"
        placeholder="Search customers by name, email or company"
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <Select
        id="lead-contactId"
        aria-label="Linked contact"
        aria-invalid={!!error}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">No contact</option>
        {(results.data ?? []).map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
            {c.company ? ` — ${c.company}` : ""}
          </option>
        ))}
      </Select>
      {results.isFetching ? <p className="text-xs text-slate-500">Searching…</p> : null}
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
