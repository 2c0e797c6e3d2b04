"use client";

import { useServerForm } from "@/components/forms/use-server-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input, Select } from "@/components/ui/field";
import { LEAD_SOURCE_LABELS, LEAD_SOURCES, OTHER_LOST_REASON } from "@/lib/leads/constants";
import { lostReasonOptions } from "./lost-reason-options";
import { fromMinorUnits, leadFormSchema, type LeadForm as LeadFormValues } from "@/lib/leads/lead.schema";
import type { LeadDetail } from "@/lib/leads/detail";
import type { Stage } from "@/lib/leads/pipeline";
import type { Person } from "@/lib/leads/people";
import { updateLeadAction } from "@/app/(app)/leads/actions";
import { ContactPicker } from "./contact-picker";

const s = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));

export function LeadForm({
  detail,
  stages,
  owners,
  lostReasons,
  canWrite,
  onSaved,
  onEdit,
}: {
  detail: LeadDetail;
  stages: Stage[];
  owners: Person[];
  lostReasons: string[];
  canWrite: boolean;
  onSaved: () => void;
  onEdit: () => void;
}) {
  const { lead, canEdit } = detail;
  const { form, submit, formError, pending } = useServerForm({
    schema: leadFormSchema,
    defaultValues: {
      title: lead.title,
      stageId: lead.stageId,
      value: fromMinorUnits(lead.value),
      ownerId: s(lead.ownerId),
      contactId: s(lead.contactId),
      company: s(lead.company),
      companySize: s(lead.companySize),
      industry: s(lead.industry),
      jobTitle: s(lead.jobTitle),
      source: (lead.source ?? "") as LeadFormValues["source"],
      expectedCloseDate: s(lead.expectedCloseDate),
      lostReason: s(lead.lostReason),
      lostNote: s(lead.lostNote),
      manualAdjustment: lead.manualAdjustment ? String(lead.manualAdjustment) : "",
      manualReason: s(lead.manualReason),
    },
    action: (values) => updateLeadAction({ ...values, id: lead.id }),
    onSuccess: onSaved,
  });
  const errors = form.formState.errors;
  const err = (k: keyof LeadFormValues) => errors[k]?.message;
  const input = (k: keyof LeadFormValues, label: string, props: Record<string, unknown> = {}) => (
    <Field label={label} htmlFor={`lead-${k}`} error={err(k)}>
      <Input
        id={`lead-${k}`}
        aria-invalid={!!err(k)}
        aria-describedby={describedBy(`lead-${k}`, err(k))}
        {...props}
        {...form.register(k)}
      />
    </Field>
  );

  return (
    <form onSubmit={submit} onChange={onEdit} noValidate className="space-y-4">
      {!canEdit ? (
        <Alert>
          {canWrite
            ? "This lead belongs to someone else; you can read it but not change it."
            : "Your role can read leads but not change them."}
        </Alert>
      ) : null}
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <fieldset disabled={!canEdit || pending} className="space-y-3">
        {input("title", "Title")}
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Stage" htmlFor="lead-stageId" error={err("stageId")}>
            <Select id="lead-stageId" aria-invalid={!!err("stageId")} {...form.register("stageId")}>
              {stages.map((st) => (
                <option key={st.id} value={st.id}>
                  {st.name}
                </option>
              ))}
            </Select>
          </Field>
          {input("value", "Value", { inputMode: "decimal" })}
          <Field label="Owner" htmlFor="lead-ownerId" error={err("ownerId")}>
            <Select id="lead-ownerId" {...form.register("ownerId")}>
              <option value="">Unassigned</option>
              {owners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Source" htmlFor="lead-source" error={err("source")}>
            <Select id="lead-source" {...form.register("source")}>
              <option value="">—</option>
              {LEAD_SOURCES.map((x) => (
                <option key={x} value={x}>
                  {LEAD_SOURCE_LABELS[x]}
                </option>
              ))}
            </Select>
          </Field>
          <div className="sm:col-span-2">
            <ContactPicker
              value={form.watch("contactId") ?? ""}
              onChange={(id) => form.setValue("contactId", id, { shouldDirty: true })}
              error={err("contactId")}
            />
          </div>
          {input("company", "Company")}
          {input("companySize", "Company size (people)", { inputMode: "numeric" })}
          {input("industry", "Industry")}
          {input("jobTitle", "Job title")}
          {input("expectedCloseDate", "Expected close date", { type: "date" })}
          <Field label="Lost reason" htmlFor="lead-lostReason" error={err("lostReason")}>
            <Select id="lead-lostReason" aria-invalid={!!err("lostReason")} {...form.register("lostReason")}>
              <option value="">—</option>
              {lostReasonOptions(lostReasons, lead.lostReason).map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </Select>
          </Field>
          {form.watch("lostReason") === OTHER_LOST_REASON || lead.lostNote
            ? input("lostNote", "What happened (for Other)")
            : null}
        </div>
        <div className="grid gap-3 sm:grid-cols-[8rem_1fr]">
          {input("manualAdjustment", "Score adjustment", { inputMode: "numeric", placeholder: "e.g. 10 or -5" })}
          {input("manualReason", "Reason for adjustment")}
        </div>
      </fieldset>
      {canEdit ? (
        <div className="flex justify-end">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save lead"}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
