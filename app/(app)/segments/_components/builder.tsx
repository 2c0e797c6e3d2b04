"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { saveSegmentAction } from "@/app/(app)/segments/actions";
import type { CriteriaGroup, CriteriaNode } from "@/lib/segments/criteria.schema";
import type { FieldInfo } from "@/lib/segments/fields/types";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { GroupEditor } from "@/components/segments/group-editor";
import { PreviewPanel } from "./preview-panel";
import { ExplainPanel, useExplain } from "./explain-panel";
import { mapNode } from "@/components/segments/tree";
import { isMissingValue, missingValueMessage } from "@/lib/segments/missing-value";
import type { Operator } from "@/lib/segments/operators";
import { usePreview, type PreviewResult } from "./use-preview";

type Props = {
  segmentId: string | null;
  initial: { name: string; description: string; criteria: CriteriaGroup };
  fields: FieldInfo[];
};

/**
 * Conditions not finished yet (no field, or no value) are left out of the live count instead of
 * failing it: a new condition starts empty and silent; errors appear when a value is wrong.
 */
function chosenOnly(node: CriteriaGroup): CriteriaGroup {
  return {
    ...node,
    children: node.children
      .filter((c) => c.kind === "group" || (c.field && !isMissingValue(c.op as Operator, c.value)))
      .map((c) => (c.kind === "group" ? chosenOnly(c) : c)),
  };
}

/** On save, every unfinished condition says what it needs, on its own row. */
function unfinished(node: CriteriaGroup, fields: FieldInfo[], path = "criteria"): Record<string, string> {
  const errors: Record<string, string> = {};
  node.children.forEach((c, i) => {
    const at = `${path}.${i}`;
    if (c.kind === "group") return Object.assign(errors, unfinished(c, fields, at));
    const field = fields.find((f) => f.key === c.field);
    if (!field) errors[at] = "Choose a field, or remove this condition";
    else if (isMissingValue(c.op as Operator, c.value)) errors[at] = missingValueMessage(field, c.op as Operator);
  });
  return errors;
}

export function SegmentBuilder({ segmentId, initial, fields }: Props) {
  const router = useRouter();
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [criteria, setCriteria] = useState(initial.criteria);
  const saving = useAction(saveSegmentAction, {
    fields: (field) => field === "name" || field === "description" || field.startsWith("criteria"),
    onSuccess: ({ id }) => (segmentId ? undefined : router.push(`/segments/${id}`)),
    done: "Segment saved; its members are up to date.",
  });
  const { pending, reset } = saving;
  const saveErrors = saving.fieldErrors;
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [lastGood, setLastGood] = useState<Extract<PreviewResult, { ok: true }> | null>(null);

  const counted = chosenOnly(criteria);
  const preview = usePreview(counted);
  const explainer = useExplain(counted);
  const data = preview.data;
  // While a condition is unfinished the last good count stays on screen, greyed.
  if (data?.ok && data !== lastGood) setLastGood(data);
  const shown = data?.ok ? data : lastGood;
  const previewErrors = data && !data.ok ? (data.fieldErrors ?? {}) : {};

  const edit = useCallback(
    (id: string, fn: (node: CriteriaNode) => CriteriaNode | null) => {
      setCriteria((c) => mapNode(c, id, fn));
      setLocalErrors({});
      reset();
    },
    [reset],
  );

  const save = () => {
    const missing = unfinished(criteria, fields);
    setLocalErrors(missing);
    if (Object.keys(missing).length) return;
    void saving.run({ id: segmentId, segment: { name, description, kind: "dynamic", criteria } });
  };

  const errors = { ...previewErrors, ...saveErrors, ...localErrors };
  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
      <div className="space-y-4">
        <div className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
          <Field label="Name" htmlFor="segment-name" error={saveErrors.name}>
            <Input
              id="segment-name"
              value={name}
              maxLength={80}
              aria-invalid={!!saveErrors.name}
              onChange={(e) => setName(e.target.value)}
            />
          </Field>
          <Field label="Description" htmlFor="segment-description" error={saveErrors.description}>
            <Input
              id="segment-description"
              value={description}
              maxLength={500}
              onChange={(e) => setDescription(e.target.value)}
            />
          </Field>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <GroupEditor root group={criteria} fields={fields} edit={edit} level={1} path="criteria" errors={errors} />
        </div>
        {saving.error ? (
          <Alert tone="error">{saving.error}</Alert>
        ) : saving.done && segmentId ? (
          <Alert tone="success">{saving.done}</Alert>
        ) : null}
        <div className="flex gap-2">
          <Button onClick={save} disabled={pending}>
            {pending ? "Saving…" : segmentId ? "Save changes" : "Save segment"}
          </Button>
        </div>
      </div>
      <div className="space-y-4">
        <PreviewPanel
          count={shown?.count ?? null}
          sample={shown?.sample ?? []}
          pending={preview.isFetching}
          problem={
            data && !data.ok
              ? data.fieldErrors
                ? "Finish the highlighted condition to update the count."
                : data.error
              : undefined
          }
          onExplain={(id) => {
            void explainer.explain(id);
            document.getElementById("explain")?.scrollIntoView({ block: "nearest" });
          }}
        />
        <ExplainPanel fields={fields} state={explainer} />
      </div>
    </div>
  );
}
