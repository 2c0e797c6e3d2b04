"use client";

import { useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { OTHER_LOST_REASON } from "@/lib/leads/constants";
import { updateLostReasonsAction } from "../pipeline/actions";

/** The reasons offered when a lead is lost, in order; "Other" (with a note) always comes last. */
export function LostReasonsForm({
  initial,
  counts,
  canEdit,
}: {
  initial: string[];
  counts: Record<string, number>;
  canEdit: boolean;
}) {
  const [reasons, setReasons] = useState(initial);
  const [draft, setDraft] = useState("");
  const { run, pending, error, done } = useAction(updateLostReasonsAction);
  const set = (i: number, value: string) => setReasons(reasons.map((r, j) => (j === i ? value : r)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...reasons];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    setReasons(next);
  };
  const used = (r: string) => counts[r] ?? 0;
  return (
    <form
      className="space-y-3"
      aria-label="Lost reasons"
      onSubmit={(e) => {
        e.preventDefault();
        void run({ reasons }, { done: "Lost reasons saved." });
      }}
    >
      {error ? <Alert tone="error">{error}</Alert> : null}
      {done ? <Alert tone="success">{done}</Alert> : null}
      <ol className="space-y-2" data-testid="lost-reasons">
        {reasons.map((r, i) => (
          <li key={i} className="flex flex-wrap items-center gap-2">
            <label className="sr-only" htmlFor={`lost-reason-${i}`}>
              Reason {i + 1}
            </label>
            <Input
              id={`lost-reason-${i}`}
              className="min-w-0 flex-1"
              value={r}
              disabled={!canEdit || pending}
              onChange={(e) => set(i, e.target.value)}
            />
            <span className="w-20 text-right text-xs text-slate-600 tabular-nums">
              {used(r)} lead{used(r) === 1 ? "" : "s"}
            </span>
            {canEdit ? (
              <span className="flex gap-1">
                <Button
                  variant="ghost"
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  aria-label={`Move ${r || `reason ${i + 1}`} up`}
                >
                  ↑
                </Button>
                <Button
                  variant="ghost"
                  disabled={i === reasons.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={`Move ${r || `reason ${i + 1}`} down`}
                >
                  ↓
                </Button>
                <Button
                  variant="ghost"
                  onClick={() => setReasons(reasons.filter((_, j) => j !== i))}
                  aria-label={`Remove ${r || `reason ${i + 1}`}`}
                >
                  Remove
                </Button>
              </span>
            ) : null}
          </li>
        ))}
        <li className="flex items-center gap-2 text-sm text-slate-600">
          <span className="flex-1">{OTHER_LOST_REASON} — asks for a note; always offered last</span>
          <span className="w-20 text-right text-xs tabular-nums">
            {used(OTHER_LOST_REASON)} lead{used(OTHER_LOST_REASON) === 1 ? "" : "s"}
          </span>
        </li>
      </ol>
      {canEdit ? (
        <div className="flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1">
            <label className="text-sm font-medium" htmlFor="lost-reason-new">
              Add a reason
            </label>
            <Input
              id="lost-reason-new"
              value={draft}
              disabled={pending}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && draft.trim()) {
                  e.preventDefault();
                  setReasons([...reasons, draft.trim()]);
                  setDraft("");
                }
              }}
            />
          </div>
          <Button
            variant="secondary"
            disabled={!draft.trim() || pending}
            onClick={() => {
              setReasons([...reasons, draft.trim()]);
              setDraft("");
            }}
          >
            Add
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save lost reasons"}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
