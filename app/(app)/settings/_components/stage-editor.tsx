"use client";

import { useState } from "react";
import { useActions } from "@/components/forms/use-action";
import type { Stage } from "@/lib/leads/pipeline";
import { REQUIRABLE_FIELD_LABELS, REQUIRABLE_FIELDS, STAGE_KINDS, type RequirableField } from "@/lib/leads/constants";
import type { ActionResult } from "@/lib/action-result";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { addStageAction, deleteStageAction, reorderStagesAction, updateStageAction } from "../pipeline/actions";

type Draft = {
  name: string;
  kind: Stage["kind"];
  probability: string;
  rottingDays: string;
  wipLimit: string;
  requiredFields: RequirableField[];
};
const toDraft = (s?: Stage): Draft => ({
  name: s?.name ?? "",
  kind: s?.kind ?? "open",
  probability: String(s?.probability ?? 10),
  rottingDays: s?.rottingDays ? String(s.rottingDays) : "",
  wipLimit: s?.wipLimit ? String(s.wipLimit) : "",
  requiredFields: s?.requiredFields ?? [],
});
const box = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";

export function StageEditor({ stages, canEdit }: { stages: Stage[]; canEdit: boolean }) {
  const { run, pending, error, done } = useActions();
  const act = (call: () => Promise<ActionResult<unknown>>, ok: string) => void run(call, { done: ok });
  const move = (i: number, d: -1 | 1) => {
    const ids = stages.map((s) => s.id);
    [ids[i], ids[i + d]] = [ids[i + d]!, ids[i]!];
    act(() => reorderStagesAction({ ids }), "Stages reordered.");
  };
  return (
    <div className="space-y-4">
      {error ? <Alert tone="error">{error}</Alert> : done ? <Alert tone="success">{done}</Alert> : null}
      <ol className="space-y-3">
        {stages.map((s, i) => (
          <li key={s.id} className="rounded-md border border-slate-200 p-3" data-testid="stage-row">
            <StageFields
              legend={`Stage ${i + 1}`}
              initial={toDraft(s)}
              disabled={!canEdit || pending}
              submitLabel={`Save ${s.name}`}
              onSubmit={(d) => act(() => updateStageAction({ id: s.id, ...d }), `${d.name} saved.`)}
            />
            {canEdit ? (
              <div className="mt-2 flex flex-wrap items-center gap-2">
                <Button
                  variant="ghost"
                  disabled={i === 0 || pending}
                  onClick={() => move(i, -1)}
                  aria-label={`Move ${s.name} up`}
                >
                  ↑
                </Button>
                <Button
                  variant="ghost"
                  disabled={i === stages.length - 1 || pending}
                  onClick={() => move(i, 1)}
                  aria-label={`Move ${s.name} down`}
                >
                  ↓
                </Button>
                <DeleteStage
                  stage={s}
                  others={stages.filter((o) => o.id !== s.id)}
                  disabled={pending}
                  onDelete={(to) => act(() => deleteStageAction({ id: s.id, moveToStageId: to }), `${s.name} deleted.`)}
                />
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {canEdit ? (
        <div className="rounded-md border border-dashed border-slate-300 p-3">
          <StageFields
            key={stages.length}
            legend="Add a stage"
            initial={toDraft()}
            disabled={pending}
            submitLabel="Add stage"
            onSubmit={(d) => act(() => addStageAction(d), `${d.name} added.`)}
          />
        </div>
      ) : null}
    </div>
  );
}

function StageFields({
  legend,
  initial,
  disabled,
  submitLabel,
  onSubmit,
}: {
  legend: string;
  initial: Draft;
  disabled: boolean;
  submitLabel: string;
  onSubmit: (d: Draft) => void;
}) {
  const [d, setD] = useState(initial);
  const id = legend.replace(/\W+/g, "-").toLowerCase();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(d);
      }}
    >
      <fieldset disabled={disabled} className="flex flex-wrap items-end gap-2">
        <legend className="sr-only">{legend}</legend>
        <label className="text-xs text-slate-600">
          Name
          <input
            className={`${box} block w-40`}
            value={d.name}
            onChange={(e) => setD({ ...d, name: e.target.value })}
            aria-label={`${legend} name`}
            id={`${id}-name`}
          />
        </label>
        <label className="text-xs text-slate-600">
          Kind
          <select
            className={`${box} block`}
            value={d.kind}
            onChange={(e) => setD({ ...d, kind: e.target.value as Draft["kind"] })}
          >
            {STAGE_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs text-slate-600">
          Probability %
          <input
            className={`${box} block w-20`}
            inputMode="numeric"
            value={d.probability}
            onChange={(e) => setD({ ...d, probability: e.target.value })}
          />
        </label>
        <label className="text-xs text-slate-600">
          Rotting days
          <input
            className={`${box} block w-20`}
            inputMode="numeric"
            value={d.rottingDays}
            onChange={(e) => setD({ ...d, rottingDays: e.target.value })}
          />
        </label>
        <label className="text-xs text-slate-600">
          WIP limit
          <input
            className={`${box} block w-20`}
            inputMode="numeric"
            value={d.wipLimit}
            onChange={(e) => setD({ ...d, wipLimit: e.target.value })}
          />
        </label>
        <fieldset className="text-xs text-slate-600">
          <legend>Required on entry</legend>
          <div className="flex flex-wrap gap-2 py-1.5">
            {REQUIRABLE_FIELDS.map((f) => (
              <label key={f} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={d.requiredFields.includes(f)}
                  onChange={(e) =>
                    setD({
                      ...d,
                      requiredFields: e.target.checked
                        ? [...d.requiredFields, f]
                        : d.requiredFields.filter((x) => x !== f),
                    })
                  }
                />
                {REQUIRABLE_FIELD_LABELS[f]}
              </label>
            ))}
          </div>
        </fieldset>
        <Button type="submit" variant="secondary">
          {submitLabel}
        </Button>
      </fieldset>
    </form>
  );
}

function DeleteStage({
  stage,
  others,
  disabled,
  onDelete,
}: {
  stage: Stage;
  others: Stage[];
  disabled: boolean;
  onDelete: (to: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState(others[0]?.id ?? "");
  if (!open) {
    return (
      <Button variant="danger" disabled={disabled} onClick={() => setOpen(true)}>
        Delete {stage.name}…
      </Button>
    );
  }
  return (
    <span role="group" aria-label={`Delete ${stage.name}`} className="flex flex-wrap items-center gap-2 text-sm">
      <label>
        Move its leads to{" "}
        <select className={box} value={to} onChange={(e) => setTo(e.target.value)}>
          {others.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
      <Button variant="danger" disabled={disabled} onClick={() => onDelete(to)}>
        Delete {stage.name}
      </Button>
      <Button variant="ghost" onClick={() => setOpen(false)}>
        Cancel
      </Button>
    </span>
  );
}
