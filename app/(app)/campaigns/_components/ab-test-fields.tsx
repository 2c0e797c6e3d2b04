"use client";

import { useFieldArray, useWatch, type UseFormReturn } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, Input, NumberField, Select, describedBy, inputClasses } from "@/components/ui/field";
import type { CampaignInput } from "@/lib/campaigns/campaign.schema";
import { AB_METRICS, AB_METRIC_LABELS, VARIANT_KEYS } from "@/lib/campaigns/constants";

const MAX_EXTRA = VARIANT_KEYS.length - 1;

/** The A/B part of the compose form: variant A is the content above, B to D change parts of it. */
export function AbTestFields({ form }: { form: UseFormReturn<CampaignInput> }) {
  const errors = form.formState.errors;
  const enabled = useWatch({ control: form.control, name: "abEnabled" });
  const variants = useFieldArray({ control: form.control, name: "variants" });
  const keys = VARIANT_KEYS.slice(0, variants.fields.length + 1);
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3" data-testid="ab-test">
      <legend className="px-1 text-sm font-medium text-slate-700">A/B test</legend>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          {...form.register("abEnabled", {
            onChange: (e) => {
              if (e.target.checked && variants.fields.length === 0)
                variants.append({ subject: "", preheader: "", body: "" });
            },
          })}
        />
        Test variants on part of the audience, then send the winner to the rest
      </label>
      {enabled ? (
        <>
          <div className="grid gap-3 sm:grid-cols-4">
            <NumberField
              label="Test share (%)"
              id="ab-percent"
              error={errors.abTestPercent?.message}
              hint="Split evenly among the variants."
              min={5}
              max={90}
              {...form.register("abTestPercent", { valueAsNumber: true })}
            />
            <Field label="Judged on" htmlFor="ab-metric" error={errors.abMetric?.message}>
              <Select id="ab-metric" {...form.register("abMetric")}>
                {AB_METRICS.map((m) => (
                  <option key={m} value={m}>
                    {AB_METRIC_LABELS[m]}
                  </option>
                ))}
              </Select>
            </Field>
            <NumberField
              label="Decide after (hours)"
              id="ab-hours"
              error={errors.abDecideAfterHours?.message}
              hint="Counted from the last test send."
              min={1}
              max={168}
              {...form.register("abDecideAfterHours", { valueAsNumber: true })}
            />
            <Field
              label="If no clear winner"
              htmlFor="ab-fallback"
              error={errors.abFallbackVariant?.message}
              hint="Sent when no variant is best with 95% probability."
            >
              <Select
                id="ab-fallback"
                aria-describedby={describedBy("ab-fallback", errors.abFallbackVariant?.message, "hint")}
                {...form.register("abFallbackVariant")}
              >
                {keys.map((k) => (
                  <option key={k} value={k}>
                    Variant {k}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <p className="text-sm text-slate-600">Variant A is the subject, preheader and message above.</p>
          {typeof errors.variants?.message === "string" ? (
            <p role="alert" className="text-xs text-red-700">
              {errors.variants.message}
            </p>
          ) : null}
          {variants.fields.map((f, i) => {
            const key = VARIANT_KEYS[i + 1]!;
            const e = errors.variants?.[i];
            const id = `ab-${key}`;
            return (
              <fieldset key={f.id} className="space-y-2 border-t border-slate-100 pt-3">
                <legend className="text-sm font-medium">Variant {key}</legend>
                <p className="text-xs text-slate-500">Leave a field empty to keep variant A&apos;s.</p>
                <div className="grid gap-3 sm:grid-cols-2">
                  <Field label={`Variant ${key} subject`} htmlFor={`${id}-subject`} error={e?.subject?.message}>
                    <Input
                      id={`${id}-subject`}
                      aria-invalid={!!e?.subject}
                      aria-describedby={describedBy(`${id}-subject`, e?.subject?.message)}
                      {...form.register(`variants.${i}.subject`)}
                    />
                  </Field>
                  <Field label={`Variant ${key} preheader`} htmlFor={`${id}-preheader`} error={e?.preheader?.message}>
                    <Input id={`${id}-preheader`} {...form.register(`variants.${i}.preheader`)} />
                  </Field>
                </div>
                <Field label={`Variant ${key} message`} htmlFor={`${id}-body`} error={e?.body?.message}>
                  <textarea
                    id={`${id}-body`}
                    rows={4}
                    className={inputClasses}
                    aria-invalid={!!e?.body}
                    aria-describedby={describedBy(`${id}-body`, e?.body?.message)}
                    {...form.register(`variants.${i}.body`)}
                  />
                </Field>
                <Button
                  type="button"
                  variant="secondary"
                  onClick={() => {
                    variants.remove(i);
                    const fallback = form.getValues("abFallbackVariant");
                    if (fallback && VARIANT_KEYS.indexOf(fallback) > i) form.setValue("abFallbackVariant", "A");
                  }}
                >
                  Remove variant {key}
                </Button>
              </fieldset>
            );
          })}
          {variants.fields.length < MAX_EXTRA ? (
            <Button
              type="button"
              variant="secondary"
              onClick={() => variants.append({ subject: "", preheader: "", body: "" })}
            >
              Add variant {VARIANT_KEYS[variants.fields.length + 1]}
            </Button>
          ) : null}
        </>
      ) : null}
    </fieldset>
  );
}
