"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { Controller, useFieldArray, useWatch } from "react-hook-form";
import { useServerForm } from "@/components/forms/use-server-form";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field, Input, Select, describedBy } from "@/components/ui/field";
import { EXIT_EVENTS, EXIT_EVENT_LABELS, REENTRY_RULES, type ReentryRule } from "@/lib/playbooks/constants";
import { MAX_EXIT_EVENTS, playbookDetailsSchema, type PlaybookDetailsInput } from "@/lib/playbooks/playbook.schema";
import { updateSettingsAction } from "../actions";

const REENTRY_LABELS: Record<ReentryRule, string> = {
  never: "Never again",
  after_days: "Again after a number of days",
  always: "Any time (one active run at once)",
};

/** The read-only settings with an "Edit settings" button that swaps them for the form (owners; the page checks). */
export function SettingsEditor({
  playbookId,
  initial,
  children,
}: {
  playbookId: string;
  initial: PlaybookDetailsInput;
  children: ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const close = (didSave: boolean) => {
    setEditing(false);
    setSaved(didSave);
    // Back to where the keyboard was before the form opened.
    requestAnimationFrame(() => editButton.current?.focus());
  };
  if (editing)
    return (
      <SettingsForm
        playbookId={playbookId}
        initial={initial}
        onSaved={() => close(true)}
        onCancel={() => close(false)}
      />
    );
  return (
    <div className="space-y-3">
      {children}
      <div className="flex flex-wrap items-center gap-3">
        <button
          ref={editButton}
          type="button"
          className={buttonClasses("secondary")}
          onClick={() => {
            setSaved(false);
            setEditing(true);
          }}
        >
          Edit settings
        </button>
        {saved ? (
          <p role="status" className="text-sm text-green-700">
            Settings saved.
          </p>
        ) : null}
      </div>
    </div>
  );
}

function SettingsForm({
  playbookId,
  initial,
  onSaved,
  onCancel,
}: {
  playbookId: string;
  initial: PlaybookDetailsInput;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const router = useRouter();
  const { form, submit, formError, pending } = useServerForm({
    schema: playbookDetailsSchema,
    defaultValues: initial,
    action: (details) => updateSettingsAction({ playbookId, details }),
    onSuccess: () => {
      router.refresh();
      onSaved();
    },
  });
  const exits = useFieldArray({ control: form.control, name: "exitEvents" });
  const reentry = useWatch({ control: form.control, name: "reentry" });
  const chosen = useWatch({ control: form.control, name: "exitEvents" }) ?? [];
  const unused = EXIT_EVENTS.find((e) => !chosen.some((c) => c?.event === e));
  const errors = form.formState.errors;
  const { setFocus } = form;
  useEffect(() => setFocus("name"), [setFocus]);

  return (
    <form
      aria-label="Playbook settings"
      noValidate
      className="space-y-4"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === "Escape" && !pending) {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <fieldset disabled={pending} className="grid gap-3 sm:grid-cols-2">
        <Field label="Name" htmlFor="pb-name" error={errors.name?.message}>
          <Input
            id="pb-name"
            aria-invalid={!!errors.name}
            aria-describedby={describedBy("pb-name", errors.name?.message)}
            {...form.register("name")}
          />
        </Field>
        <Field label="Description" htmlFor="pb-description" error={errors.description?.message}>
          <Input
            id="pb-description"
            aria-invalid={!!errors.description}
            aria-describedby={describedBy("pb-description", errors.description?.message)}
            {...form.register("description")}
          />
        </Field>
        <Controller
          control={form.control}
          name="marketing"
          render={({ field }) => (
            <fieldset className="space-y-1 text-sm">
              <legend className="mb-1 block font-medium text-slate-700">Kind</legend>
              <label className="flex items-center gap-2">
                <input
                  type="radio"
                  name={field.name}
                  checked={field.value !== false}
                  onChange={() => field.onChange(true)}
                  onBlur={field.onBlur}
                />
                Marketing (stops on unsubscribe)
              </label>
              <label className="flex items-center gap-2">
                <input
                  type="radio"
                  name={field.name}
                  checked={field.value === false}
                  onChange={() => field.onChange(false)}
                  onBlur={field.onBlur}
                />
                Transactional
              </label>
            </fieldset>
          )}
        />
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            label="Re-entry"
            htmlFor="pb-reentry"
            error={errors.reentry?.message}
            hint="One active run per customer in any case"
          >
            <Select
              id="pb-reentry"
              aria-describedby={describedBy("pb-reentry", errors.reentry?.message, "hint")}
              {...form.register("reentry")}
            >
              {REENTRY_RULES.map((r) => (
                <option key={r} value={r}>
                  {REENTRY_LABELS[r]}
                </option>
              ))}
            </Select>
          </Field>
          {reentry === "after_days" ? (
            <Field label="Days" htmlFor="pb-reentry-days" error={errors.reentryDays?.message}>
              <Input
                id="pb-reentry-days"
                type="number"
                min={1}
                max={3650}
                inputMode="numeric"
                aria-invalid={!!errors.reentryDays}
                aria-describedby={describedBy("pb-reentry-days", errors.reentryDays?.message)}
                {...form.register("reentryDays", { shouldUnregister: true })}
              />
            </Field>
          ) : null}
        </div>
      </fieldset>
      <fieldset disabled={pending} className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Exit events</legend>
        <p className="text-xs text-slate-500">
          A run ends when one of these happens to its customer (runs under way included); a conversion counts toward the
          playbook&apos;s results.
        </p>
        {exits.fields.length === 0 ? <p className="text-sm text-slate-500">None: runs go to the end.</p> : null}
        <ul className="space-y-2" aria-label="Exit events">
          {exits.fields.map((f, i) => {
            const error = errors.exitEvents?.[i]?.event?.message;
            const id = `pb-exit-${i}`;
            return (
              <li key={f.id} className="flex flex-wrap items-center gap-3">
                <Select
                  id={id}
                  aria-label={`Exit event ${i + 1}`}
                  className="sm:w-80"
                  aria-invalid={!!error}
                  aria-describedby={describedBy(id, error)}
                  {...form.register(`exitEvents.${i}.event`)}
                >
                  {EXIT_EVENTS.map((e) => (
                    <option key={e} value={e}>
                      {EXIT_EVENT_LABELS[e]}
                    </option>
                  ))}
                </Select>
                <label className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    aria-label={`Exit event ${i + 1} counts as a conversion`}
                    {...form.register(`exitEvents.${i}.converts`)}
                  />
                  Counts as a conversion
                </label>
                <Button variant="ghost" aria-label={`Remove exit event ${i + 1}`} onClick={() => exits.remove(i)}>
                  Remove
                </Button>
                {error ? (
                  <p id={`${id}-error`} role="alert" className="w-full text-xs text-red-700">
                    {error}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
        {errors.exitEvents?.message ? (
          <p role="alert" className="text-xs text-red-700">
            {errors.exitEvents.message}
          </p>
        ) : null}
        <Button
          variant="secondary"
          disabled={!unused || exits.fields.length >= MAX_EXIT_EVENTS}
          onClick={() => unused && exits.append({ event: unused, converts: false })}
        >
          Add exit event
        </Button>
      </fieldset>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save settings"}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
