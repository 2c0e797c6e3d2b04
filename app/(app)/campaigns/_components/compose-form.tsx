"use client";

import { useRouter } from "next/navigation";
import { Controller, useWatch } from "react-hook-form";
import { useServerForm } from "@/components/forms/use-server-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, NumberField, Select, describedBy, inputClasses } from "@/components/ui/field";
import { campaignSchema, type CampaignInput } from "@/lib/campaigns/campaign.schema";
import { ATTRIBUTION_BASES, TRANSACTIONAL } from "@/lib/campaigns/constants";
import { AbTestFields } from "./ab-test-fields";
import { saveCampaignAction } from "../actions";

type Option = { id: string; name: string };

function SegmentChecks({
  legend,
  name,
  options,
  value,
  onChange,
  error,
}: {
  legend: string;
  name: string;
  options: Option[];
  value: string[];
  onChange: (v: string[]) => void;
  error?: string;
}) {
  return (
    <fieldset className="space-y-1" aria-describedby={error ? `${name}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      {options.length === 0 ? <p className="text-sm text-slate-500">No segments yet.</p> : null}
      <div className="grid gap-1 sm:grid-cols-2">
        {options.map((o) => (
          <label key={o.id} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={value.includes(o.id)}
              onChange={(e) => onChange(e.target.checked ? [...value, o.id] : value.filter((v) => v !== o.id))}
            />
            {o.name}
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${name}-error`} role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

const BASIS_LABELS = {
  click: "click (by a person, not a scanner)",
  open: "open or click (by a person)",
  delivery: "delivery",
} as const;

const numberOrNull = (v: unknown) => (v === "" || v == null ? null : Number(v));

/** Compose or edit a campaign (owners; the page checks). */
export function ComposeForm({
  campaignId,
  initial,
  segments,
  topics,
  templates,
  sender,
}: {
  campaignId: string | null;
  initial: CampaignInput;
  segments: Option[];
  topics: { key: string; name: string }[];
  templates: Option[];
  sender: string;
}) {
  const router = useRouter();
  const { form, submit, formError, pending, saved } = useServerForm({
    schema: campaignSchema,
    defaultValues: initial,
    action: (campaign) => saveCampaignAction({ id: campaignId, campaign }),
    onSuccess: (r) => {
      if (!campaignId) router.push(`/campaigns/${r.id}`);
      else router.refresh();
    },
  });
  const errors = form.formState.errors;
  const templateId = useWatch({ control: form.control, name: "templateId" });
  return (
    <form aria-label="Compose campaign" noValidate className="space-y-4" onSubmit={submit}>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <fieldset disabled={pending} className="space-y-4">
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Name" htmlFor="cp-name" error={errors.name?.message}>
            <Input
              id="cp-name"
              aria-invalid={!!errors.name}
              aria-describedby={describedBy("cp-name", errors.name?.message)}
              {...form.register("name")}
            />
          </Field>
          <Field
            label="Category"
            htmlFor="cp-category"
            error={errors.category?.message}
            hint="A marketing topic (people can opt out of it), or transactional for notices everyone must get."
          >
            <Select
              id="cp-category"
              aria-invalid={!!errors.category}
              aria-describedby={describedBy("cp-category", errors.category?.message, "hint")}
              {...form.register("category")}
            >
              {topics.map((t) => (
                <option key={t.key} value={t.key}>
                  Marketing: {t.name}
                </option>
              ))}
              <option value={TRANSACTIONAL}>Transactional notice</option>
            </Select>
          </Field>
        </div>
        <Controller
          control={form.control}
          name="segmentIds"
          render={({ field }) => (
            <SegmentChecks
              legend="Send to customers in any of these segments"
              name="cp-segments"
              options={segments}
              value={field.value ?? []}
              onChange={field.onChange}
              error={errors.segmentIds?.message}
            />
          )}
        />
        <Controller
          control={form.control}
          name="excludedSegmentIds"
          render={({ field }) => (
            <SegmentChecks
              legend="…except customers in these segments"
              name="cp-excluded"
              options={segments}
              value={field.value ?? []}
              onChange={field.onChange}
              error={errors.excludedSegmentIds?.message}
            />
          )}
        />
        <p className="text-sm text-slate-600">
          Sent from <span className="font-medium">{sender}</span>
        </p>
        <Field
          label="Template"
          htmlFor="cp-template"
          error={errors.templateId?.message}
          hint="Or leave it empty and write the message below."
        >
          <Select
            id="cp-template"
            aria-describedby={describedBy("cp-template", errors.templateId?.message, "hint")}
            {...form.register("templateId")}
          >
            <option value="">Write it here</option>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Select>
        </Field>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            label="Subject"
            htmlFor="cp-subject"
            error={errors.subject?.message}
            hint={templateId ? "Empty: the template's subject." : undefined}
          >
            <Input
              id="cp-subject"
              aria-invalid={!!errors.subject}
              aria-describedby={describedBy("cp-subject", errors.subject?.message)}
              {...form.register("subject")}
            />
          </Field>
          <Field
            label="Preheader"
            htmlFor="cp-preheader"
            error={errors.preheader?.message}
            hint="The preview text after the subject."
          >
            <Input
              id="cp-preheader"
              aria-describedby={describedBy("cp-preheader", errors.preheader?.message, "hint")}
              {...form.register("preheader")}
            />
          </Field>
        </div>
        {templateId ? null : (
          <Field
            label="Message"
            htmlFor="cp-body"
            error={errors.body?.message}
            hint="The template format: paragraphs, [links](https://…) and {{contact.first_name}}."
          >
            <textarea
              id="cp-body"
              rows={8}
              className={inputClasses}
              aria-invalid={!!errors.body}
              aria-describedby={describedBy("cp-body", errors.body?.message, "hint")}
              {...form.register("body")}
            />
          </Field>
        )}
        <div className="grid gap-3 sm:grid-cols-3">
          <NumberField
            label="At most per hour (optional)"
            id="cp-throttle"
            error={errors.throttlePerHour?.message}
            min={1}
            {...form.register("throttlePerHour", { setValueAs: numberOrNull })}
          />
          <NumberField
            label="Holdout (% who get nothing)"
            id="cp-holdout"
            error={errors.holdoutPercent?.message}
            min={0}
            max={50}
            {...form.register("holdoutPercent", { setValueAs: (v) => numberOrNull(v) ?? 0 })}
          />
          <label className="flex items-center gap-2 self-end pb-2 text-sm">
            <input type="checkbox" {...form.register("capExempt")} />
            Exempt from the frequency cap
          </label>
        </div>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            label="A purchase counts for the campaign when it follows a"
            htmlFor="cp-basis"
            error={errors.attributionBasis?.message}
          >
            <Select id="cp-basis" {...form.register("attributionBasis")}>
              {ATTRIBUTION_BASES.map((b) => (
                <option key={b} value={b}>
                  {BASIS_LABELS[b]}
                </option>
              ))}
            </Select>
          </Field>
          <NumberField
            label="…within (days)"
            id="cp-window"
            error={errors.attributionWindowDays?.message}
            hint="Conversions and revenue in the report, and the A/B winner, use this rule."
            min={1}
            max={90}
            {...form.register("attributionWindowDays", { valueAsNumber: true })}
          />
        </div>
        <AbTestFields form={form} />
      </fieldset>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : campaignId ? "Save changes" : "Save draft"}
        </Button>
        {saved && campaignId ? (
          <p role="status" className="text-sm text-green-700">
            Saved.
          </p>
        ) : null}
      </div>
    </form>
  );
}
