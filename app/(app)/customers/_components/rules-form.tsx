"use client";

import { useServerForm } from "@/components/forms/use-server-form";
import { lifecycleRulesSchema, type LifecycleRulesInput } from "@/lib/customers/lifecycle-rules.schema";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { updateLifecycleRulesAction } from "../rules/actions";

export function RulesForm({
  initial,
  canEdit,
  currency,
}: {
  initial: LifecycleRulesInput;
  canEdit: boolean;
  currency: string;
}) {
  const { form, submit, formError, saved, pending } = useServerForm({
    schema: lifecycleRulesSchema,
    defaultValues: initial,
    action: updateLifecycleRulesAction,
  });
  const err = (n: keyof LifecycleRulesInput) => form.formState.errors[n]?.message;
  const field = (n: keyof LifecycleRulesInput, label: string, hint: string) => (
    <Field label={label} htmlFor={`r-${n}`} error={err(n)} hint={hint}>
      <Input
        id={`r-${n}`}
        inputMode="decimal"
        aria-invalid={!!err(n)}
        aria-describedby={describedBy(`r-${n}`, err(n), hint)}
        {...form.register(n)}
      />
    </Field>
  );
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {!canEdit ? <Alert>Only owners can change these rules.</Alert> : null}
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {saved && !form.formState.isDirty ? <Alert tone="success">Rules saved.</Alert> : null}
      <p className="text-sm text-slate-600">A first visit makes a lead active. These thresholds decide the rest.</p>
      <fieldset disabled={!canEdit || pending} className="grid gap-4 sm:grid-cols-3">
        {field("vipThreshold", `VIP from total spent (${currency})`, "e.g. 1000")}
        {field("atRiskDays", "At risk after days without a visit", "e.g. 90")}
        {field("churnedDays", "Churned after days without a visit", "e.g. 180")}
      </fieldset>
      {canEdit ? (
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save rules"}
        </Button>
      ) : null}
    </form>
  );
}
