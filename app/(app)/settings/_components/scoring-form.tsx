"use client";

import { useState } from "react";
import { useAction } from "@/components/forms/use-action";
import type { ScoringInput } from "@/lib/leads/stage.schema";
import { FIT_FIELDS, FIT_OPS, type FitRule } from "@/lib/leads/scoring";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { updateScoringAction } from "../pipeline/actions";

type Values = {
  fitWeight: number;
  engagementWeight: number;
  autoMqlScore: number;
  disqualifyScore: number;
  fitRules: FitRule[];
};
const box = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";
const FIELD_LABELS = {
  companySize: "Company size",
  industry: "Industry",
  jobTitle: "Job title",
  source: "Source",
} as const;
const OP_LABELS = { equals: "is", contains: "contains", atLeast: "at least", atMost: "at most" } as const;

export function ScoringForm({ initial, canEdit }: { initial: Values; canEdit: boolean }) {
  const [v, setV] = useState<Record<string, unknown> & { fitRules: Record<string, unknown>[] }>({
    ...initial,
    fitRules: initial.fitRules.map((r) => ({ ...r })),
  });
  const { run, pending, error, done } = useAction(updateScoringAction, {
    done: ({ recomputed }) =>
      recomputed === "queued"
        ? "Saved. Scores are being recomputed in the background."
        : `Saved. ${recomputed} open leads rescored.`,
  });
  const num = (k: string, label: string) => (
    <label className="text-xs text-slate-600">
      {label}
      <input
        className={`${box} block w-24`}
        inputMode="numeric"
        value={String(v[k] ?? "")}
        onChange={(e) => setV({ ...v, [k]: e.target.value })}
      />
    </label>
  );
  const setRule = (i: number, patch: Record<string, unknown>) =>
    setV({ ...v, fitRules: v.fitRules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        void run(v as ScoringInput);
      }}
    >
      {error ? <Alert tone="error">{error}</Alert> : done ? <Alert tone="success">{done}</Alert> : null}
      <fieldset disabled={!canEdit || pending} className="space-y-4">
        <div className="flex flex-wrap gap-3">
          {num("fitWeight", "Fit weight")}
          {num("engagementWeight", "Engagement weight")}
          {num("autoMqlScore", "Auto-move New → MQL at")}
          {num("disqualifyScore", "Flag below")}
        </div>
        <p className="text-xs text-slate-500">
          Engagement: email opens (3), clicks (8), logged interactions (10) and events (5), halving every 14 days.
        </p>
        <fieldset>
          <legend className="text-sm font-semibold">Fit rules</legend>
          <ul className="mt-2 space-y-2">
            {v.fitRules.map((r, i) => (
              <li key={i} className="flex flex-wrap items-center gap-2 text-sm" data-testid="fit-rule">
                <select
                  aria-label={`Rule ${i + 1} field`}
                  className={box}
                  value={String(r.field)}
                  onChange={(e) => setRule(i, { field: e.target.value })}
                >
                  {FIT_FIELDS.map((f) => (
                    <option key={f} value={f}>
                      {FIELD_LABELS[f]}
                    </option>
                  ))}
                </select>
                <select
                  aria-label={`Rule ${i + 1} operator`}
                  className={box}
                  value={String(r.op)}
                  onChange={(e) => setRule(i, { op: e.target.value })}
                >
                  {FIT_OPS.map((o) => (
                    <option key={o} value={o}>
                      {OP_LABELS[o]}
                    </option>
                  ))}
                </select>
                <input
                  aria-label={`Rule ${i + 1} value`}
                  className={`${box} w-32`}
                  value={String(r.value)}
                  onChange={(e) => setRule(i, { value: e.target.value })}
                />
                <input
                  aria-label={`Rule ${i + 1} points`}
                  className={`${box} w-20`}
                  inputMode="numeric"
                  value={String(r.points)}
                  onChange={(e) => setRule(i, { points: e.target.value })}
                />
                <span className="text-slate-500">points</span>
                <Button
                  variant="ghost"
                  onClick={() => setV({ ...v, fitRules: v.fitRules.filter((_, j) => j !== i) })}
                  aria-label={`Remove rule ${i + 1}`}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
          <Button
            variant="secondary"
            className="mt-2"
            onClick={() =>
              setV({ ...v, fitRules: [...v.fitRules, { field: "industry", op: "equals", value: "", points: 10 }] })
            }
          >
            Add rule
          </Button>
        </fieldset>
      </fieldset>
      {canEdit ? (
        <div className="flex justify-end">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save scoring"}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
