"use client";

import type { ActionResult } from "@/lib/action-result";
import { useAction } from "@/components/forms/use-action";

/** One click marks a follow-up done. */
export function DoneButton({ label, action }: { label: string; action: () => Promise<ActionResult<unknown>> }) {
  const { run, pending, error } = useAction(action);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        aria-label={`Mark “${label}” done`}
        disabled={pending}
        onClick={() => void run(undefined)}
        className="rounded-md border border-emerald-300 bg-white px-2 py-1 text-xs font-medium text-emerald-800 hover:bg-emerald-50 disabled:opacity-50"
      >
        {pending ? "Saving…" : "Done"}
      </button>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
