"use client";

import { useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { addEmailsToSegmentAction, removeFromSegmentAction } from "@/app/(app)/segments/actions";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";

/** Adds customers to a hand-picked segment from a CSV (or any text) of email addresses. */
export function AddByEmails({ segmentId }: { segmentId: string }) {
  const [text, setText] = useState("");
  const { run, pending, error, done } = useAction(addEmailsToSegmentAction, {
    done: ({ added, matched, unknown }) =>
      `${added} added (${matched} found${unknown.length ? `; not customers: ${unknown.slice(0, 5).join(", ")}${unknown.length > 5 ? "…" : ""}` : ""}).`,
    onSuccess: () => setText(""),
  });
  const submit = () => void run({ segmentId, text });
  return (
    <div className="space-y-2">
      <label htmlFor="segment-csv" className="block text-sm font-medium text-slate-700">
        Add customers by email
      </label>
      <input
        type="file"
        accept=".csv,text/csv,text/plain"
        aria-label="CSV file of emails"
        className="block text-sm"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          if (file) setText(await file.text());
        }}
      />
      <textarea
        id="segment-csv"
        rows={4}
        className="block w-full rounded-md border border-slate-300 p-2 text-sm"
        placeholder="Paste emails or a CSV with an email column"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <Button variant="secondary" disabled={pending || !text.trim()} onClick={submit}>
        {pending ? "Adding…" : "Add"}
      </Button>
      {error ? <Alert tone="error">{error}</Alert> : done ? <Alert tone="success">{done}</Alert> : null}
    </div>
  );
}

export function RemoveMember({ segmentId, contactId, name }: { segmentId: string; contactId: string; name: string }) {
  const { run, pending, error } = useAction(removeFromSegmentAction);
  return (
    <>
      <button
        type="button"
        className="text-xs text-red-700 hover:underline disabled:text-red-300"
        disabled={pending}
        aria-label={`Remove ${name} from the segment`}
        onClick={() => void run({ segmentId, contactId })}
      >
        Remove
      </button>
      {error ? (
        <span role="alert" className="ml-2 text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </>
  );
}
