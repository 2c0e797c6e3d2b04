"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { entryFieldsSchema, type EntryFields } from "@/lib/leads/lead.schema";
import { fieldErrorsFromZod } from "@/lib/action-result";
import { OTHER_LOST_REASON, REQUIRABLE_FIELD_LABELS, type RequirableField } from "@/lib/leads/constants";
import { lostReasonOptions } from "./lost-reason-options";

/** Entering a stage that requires fields asks for them first; the move waits for the answer. */
export function RequiredFieldsDialog({
  stageName,
  fields,
  lostReasons,
  onSubmit,
  onCancel,
}: {
  stageName: string;
  fields: RequirableField[];
  lostReasons: string[];
  onSubmit: (values: EntryFields) => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      onCancel={onCancel}
      aria-labelledby="required-title"
      className="m-auto w-[min(26rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <form
        className="space-y-4 p-5"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const problems: Record<string, string> = {};
          for (const f of fields)
            if (!values[f]?.trim()) problems[f] = `${REQUIRABLE_FIELD_LABELS[f]} is required to enter ${stageName}`;
          const parsed = entryFieldsSchema.safeParse(values);
          if (!parsed.success) Object.assign(problems, fieldErrorsFromZod(parsed.error));
          if (values.lostReason === OTHER_LOST_REASON && !values.lostNote?.trim())
            problems.lostNote = "Note: say what happened when the reason is Other";
          if (fields.includes("value") && values.value && Number(values.value) <= 0 && !problems.value)
            problems.value = "Value must be more than 0";
          setErrors(problems);
          if (Object.keys(problems).length === 0) onSubmit(values);
        }}
      >
        <h2 id="required-title" className="text-lg font-semibold">
          Before moving to {stageName}
        </h2>
        {fields.map((f) =>
          f === "lostReason" ? (
            <div key={f} className="space-y-3">
              <Field label={REQUIRABLE_FIELD_LABELS[f]} htmlFor="entry-lostReason" error={errors[f]}>
                <Select
                  id="entry-lostReason"
                  aria-invalid={!!errors[f]}
                  value={values.lostReason ?? ""}
                  onChange={(e) => setValues({ ...values, lostReason: e.target.value })}
                >
                  <option value="">Choose a reason…</option>
                  {lostReasonOptions(lostReasons).map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </Select>
              </Field>
              {values.lostReason === OTHER_LOST_REASON ? (
                <Field label="What happened" htmlFor="entry-lostNote" error={errors.lostNote}>
                  <Input
                    id="entry-lostNote"
                    aria-invalid={!!errors.lostNote}
                    value={values.lostNote ?? ""}
                    onChange={(e) => setValues({ ...values, lostNote: e.target.value })}
                  />
                </Field>
              ) : null}
            </div>
          ) : (
            <Field key={f} label={REQUIRABLE_FIELD_LABELS[f]} htmlFor={`entry-${f}`} error={errors[f]}>
              <Input
                id={`entry-${f}`}
                type={f === "expectedCloseDate" ? "date" : "text"}
                inputMode={f === "value" ? "decimal" : undefined}
                aria-invalid={!!errors[f]}
                value={values[f] ?? ""}
                onChange={(e) => setValues({ ...values, [f]: e.target.value })}
              />
            </Field>
          ),
        )}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit">Move to {stageName}</Button>
        </div>
      </form>
    </dialog>
  );
}
