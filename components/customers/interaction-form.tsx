"use client";

import { useRouter } from "next/navigation";
import { useServerForm } from "@/components/forms/use-server-form";
import { interactionSchema, type InteractionInput } from "@/lib/customers/activity.schema";
import { DIRECTIONS, INTERACTION_LABELS, INTERACTION_TYPES } from "@/lib/customers/constants";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input, Select } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import type { ActionResult } from "@/lib/action-result";

/**
 * Shared by the customer profile and the lead panel; each passes its own server action (components/
 * never imports app/) and what to refresh afterwards (the page by default).
 */
export function InteractionForm({
  contactId,
  action,
  onSaved,
}: {
  contactId: string;
  action: (input: InteractionInput) => Promise<ActionResult<unknown>>;
  onSaved?: () => void;
}) {
  const router = useRouter();
  const defaults: InteractionInput = {
    contactId,
    type: "call",
    channel: "",
    direction: "outbound",
    subject: "",
    notes: "",
    durationMinutes: "",
    outcome: "",
    amount: "",
    followUpRequired: false,
    followUpDate: "",
    followUpTitle: "",
  };
  const { form, submit, formError, saved, pending } = useServerForm({
    schema: interactionSchema,
    defaultValues: defaults,
    action,
    onSuccess: () => {
      form.reset(defaults);
      if (onSaved) onSaved();
      else router.refresh();
    },
  });
  const err = (n: keyof InteractionInput) => form.formState.errors[n]?.message;
  const type = form.watch("type");
  const followUp = form.watch("followUpRequired");
  const field = (n: keyof InteractionInput, label: string, props: React.ComponentProps<"input"> = {}) => (
    <Field label={label} htmlFor={`ix-${n}`} error={err(n)}>
      <Input
        id={`ix-${n}`}
        aria-invalid={!!err(n)}
        aria-describedby={describedBy(`ix-${n}`, err(n))}
        {...props}
        {...form.register(n)}
      />
    </Field>
  );
  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label="Log an interaction">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {saved && !form.formState.isDirty ? <Alert tone="success">Interaction logged.</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Type" htmlFor="ix-type" error={err("type")}>
          <Select id="ix-type" {...form.register("type")}>
            {INTERACTION_TYPES.map((t) => (
              <option key={t} value={t}>
                {INTERACTION_LABELS[t]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Direction" htmlFor="ix-direction" error={err("direction")}>
          <Select id="ix-direction" {...form.register("direction")}>
            {DIRECTIONS.map((d) => (
              <option key={d} value={d}>
                {d === "inbound" ? "Inbound" : "Outbound"}
              </option>
            ))}
          </Select>
        </Field>
        {field("subject", "Subject")}
        {field("channel", "Channel", { placeholder: "e.g. front desk, mobile" })}
        {field("durationMinutes", "Duration (minutes)", { inputMode: "numeric" })}
        {field("outcome", "Outcome")}
        {type === "purchase" || type === "visit"
          ? field("amount", "Amount spent", { inputMode: "decimal", placeholder: "0.00" })
          : null}
      </div>
      <Field label="Notes" htmlFor="ix-notes" error={err("notes")}>
        <textarea
          id="ix-notes"
          rows={3}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          {...form.register("notes")}
        />
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className="size-4" {...form.register("followUpRequired")} />
        Follow-up required
      </label>
      {followUp ? (
        <div className="grid gap-3 sm:grid-cols-2">
          {field("followUpDate", "Follow up on", { type: "date" })}
          {field("followUpTitle", "Follow-up task", { placeholder: "What to do" })}
        </div>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Logging…" : "Log interaction"}
      </Button>
    </form>
  );
}
