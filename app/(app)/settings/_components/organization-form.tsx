"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input, Select } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { useServerForm } from "@/components/forms/use-server-form";
import { organizationSettingsSchema, type OrganizationSettings } from "@/lib/orgs/organization.schema";
import { LOCALES, suggestedLocale } from "@/lib/orgs/locales";
import { updateOrganizationAction } from "../actions";

export function OrganizationForm({
  initial,
  canEdit,
  timeZones,
  currencies,
}: {
  initial: OrganizationSettings;
  canEdit: boolean;
  timeZones: string[];
  currencies: string[];
}) {
  const router = useRouter();
  const { form, submit, formError, saved, pending } = useServerForm({
    schema: organizationSettingsSchema,
    defaultValues: initial,
    action: updateOrganizationAction,
    onSuccess: () => router.refresh(),
  });
  const { errors } = form.formState;
  const quietEnabled = form.watch("quietHoursEnabled");
  const capEnabled = form.watch("frequencyCapEnabled");
  const zone = form.watch("timeZone");
  const locale = form.watch("locale");
  const suggestion = suggestedLocale(zone);
  const err = (name: keyof OrganizationSettings) => errors[name]?.message;

  return (
    <form onSubmit={submit} noValidate className="space-y-6">
      {!canEdit ? <Alert>Only owners can change these settings.</Alert> : null}
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {saved && !form.formState.isDirty ? <Alert tone="success">Settings saved.</Alert> : null}
      <fieldset disabled={!canEdit || pending} className="space-y-4">
        <Field label="Organisation name" htmlFor="name" error={err("name")}>
          <Input
            id="name"
            aria-invalid={!!err("name")}
            aria-describedby={describedBy("name", err("name"))}
            {...form.register("name")}
          />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label="Currency"
            htmlFor="currency"
            error={err("currency")}
            hint="Amounts are shown and stored in this currency"
          >
            <Select
              id="currency"
              aria-invalid={!!err("currency")}
              aria-describedby={describedBy("currency", err("currency"), "hint")}
              {...form.register("currency")}
            >
              {currencies.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Time zone" htmlFor="timeZone" error={err("timeZone")} hint="Type to search, e.g. Europe/Paris">
            <Input
              id="timeZone"
              list="time-zones"
              autoComplete="off"
              aria-invalid={!!err("timeZone")}
              aria-describedby={describedBy("timeZone", err("timeZone"), "hint")}
              {...form.register("timeZone")}
            />
            <datalist id="time-zones">
              {timeZones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </Field>
        </div>
        <Field
          label="Dates and numbers"
          htmlFor="locale"
          error={err("locale")}
          hint={
            suggestion !== locale
              ? `For ${zone}, most people read ${LOCALES.find((l) => l.value === suggestion)?.label ?? suggestion}`
              : "How every date, time and amount is written in Tend"
          }
        >
          <div className="flex flex-wrap items-center gap-2">
            <Select
              id="locale"
              className="min-w-0 flex-1"
              aria-invalid={!!err("locale")}
              aria-describedby={describedBy("locale", err("locale"), "hint")}
              {...form.register("locale")}
            >
              {LOCALES.map((l) => (
                <option key={l.value} value={l.value}>
                  {l.label}
                </option>
              ))}
            </Select>
            {suggestion !== locale ? (
              <Button
                type="button"
                variant="secondary"
                onClick={() => form.setValue("locale", suggestion, { shouldDirty: true })}
              >
                Use the suggestion
              </Button>
            ) : null}
          </div>
        </Field>
      </fieldset>
      <fieldset disabled={!canEdit || pending} className="space-y-4 rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold">Default quiet hours</legend>
        <p className="text-sm text-slate-600">
          Playbooks hold messages during these hours, in each customer&apos;s own time zone (or the
          organisation&apos;s).
        </p>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4 accent-brand-600" {...form.register("quietHoursEnabled")} />
          Hold messages during quiet hours
        </label>
        {quietEnabled ? (
          <>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Quiet from" htmlFor="quietHoursStart" error={err("quietHoursStart")}>
                <Input
                  id="quietHoursStart"
                  type="time"
                  aria-invalid={!!err("quietHoursStart")}
                  aria-describedby={describedBy("quietHoursStart", err("quietHoursStart"))}
                  {...form.register("quietHoursStart")}
                />
              </Field>
              <Field
                label="Quiet until"
                htmlFor="quietHoursEnd"
                error={err("quietHoursEnd")}
                hint="May be the next morning, e.g. 21:00 until 08:00"
              >
                <Input
                  id="quietHoursEnd"
                  type="time"
                  aria-invalid={!!err("quietHoursEnd")}
                  aria-describedby={describedBy("quietHoursEnd", err("quietHoursEnd"), "hint")}
                  {...form.register("quietHoursEnd")}
                />
              </Field>
            </div>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" className="size-4 accent-brand-600" {...form.register("quietHoursNoWeekend")} />
              No messages on Saturdays and Sundays
            </label>
          </>
        ) : null}
      </fieldset>
      <fieldset disabled={!canEdit || pending} className="space-y-4 rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold">Frequency cap</legend>
        <p className="text-sm text-slate-600">
          At most this many marketing emails per customer, across all playbooks. A capped email waits until the cap
          frees; transactional emails are never capped.
        </p>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4 accent-brand-600" {...form.register("frequencyCapEnabled")} />
          Limit marketing emails per customer
        </label>
        {capEnabled ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Emails" htmlFor="frequencyCapCount" error={err("frequencyCapCount")}>
              <Input
                id="frequencyCapCount"
                type="number"
                min={1}
                max={100}
                aria-invalid={!!err("frequencyCapCount")}
                aria-describedby={describedBy("frequencyCapCount", err("frequencyCapCount"))}
                {...form.register("frequencyCapCount", { valueAsNumber: true })}
              />
            </Field>
            <Field
              label="Per this many days"
              htmlFor="frequencyCapDays"
              error={err("frequencyCapDays")}
              hint="A rolling window"
            >
              <Input
                id="frequencyCapDays"
                type="number"
                min={1}
                max={90}
                aria-invalid={!!err("frequencyCapDays")}
                aria-describedby={describedBy("frequencyCapDays", err("frequencyCapDays"), "hint")}
                {...form.register("frequencyCapDays", { valueAsNumber: true })}
              />
            </Field>
          </div>
        ) : null}
      </fieldset>
      <fieldset disabled={!canEdit || pending} className="space-y-3 rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold">Marketing consent</legend>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="size-4 accent-brand-600"
            aria-describedby={describedBy("marketingRequiresConsent", err("marketingRequiresConsent"), "hint")}
            {...form.register("marketingRequiresConsent")}
          />
          Marketing email only to customers who said yes
        </label>
        <p id="marketingRequiresConsent-hint" className="text-sm text-slate-600">
          On: customers whose marketing consent is <em>Not asked</em> get no marketing email, only those marked{" "}
          <em>Subscribed</em>. Off: they get it too (soft opt-in, common when you mail your own customers) until they
          unsubscribe. Unsubscribed and do-not-contact customers never get marketing email; transactional email is never
          affected.
        </p>
        {err("marketingRequiresConsent") ? (
          <p id="marketingRequiresConsent-error" role="alert" className="text-xs text-red-700">
            {err("marketingRequiresConsent")}
          </p>
        ) : null}
      </fieldset>
      {canEdit ? (
        <div className="flex justify-end">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save settings"}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
