"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Controller } from "react-hook-form";
import { useServerForm } from "@/components/forms/use-server-form";
import { contactDetailsSchema, type ContactDetails } from "@/lib/customers/contact.schema";
import { CONSENT_LABELS, CONSENT_STATUSES, CONTACT_METHOD_LABELS, CONTACT_METHODS } from "@/lib/customers/constants";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input, Select } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { CustomerPicker } from "@/app/(app)/customers/_components/customer-picker";
import type { CustomerOption } from "@/lib/customers/picker";
import { searchCustomersAction, updateDetailsAction } from "../../[id]/actions";

type Name = keyof ContactDetails;
const TEXT_FIELDS: [Name, string, React.ComponentProps<"input">?][] = [
  ["firstName", "First name"],
  ["lastName", "Last name"],
  ["email", "Email", { type: "email" }],
  ["phone", "Phone", { type: "tel" }],
  ["company", "Company"],
  ["jobTitle", "Job title"],
  ["addressLine1", "Address"],
  ["addressLine2", "Address line 2"],
  ["city", "City"],
  ["region", "Region / state"],
  ["postalCode", "Postal code"],
  ["country", "Country"],
  ["preferredLanguage", "Preferred language", { placeholder: "e.g. en, fr-CA" }],
  ["birthday", "Birthday", { type: "date" }],
  ["referralSource", "Referral source", { placeholder: "e.g. Instagram, a friend" }],
];

export function DetailsForm({
  contactId,
  initial,
  referrer,
  canEdit,
  timeZones,
}: {
  contactId: string;
  initial: ContactDetails;
  referrer: CustomerOption | null;
  canEdit: boolean;
  timeZones: string[];
}) {
  const router = useRouter();
  const [chosenReferrer, setChosenReferrer] = useState<CustomerOption | null>(referrer);
  const { form, submit, formError, saved, pending } = useServerForm({
    schema: contactDetailsSchema,
    defaultValues: initial,
    action: (details) => updateDetailsAction({ contactId, details }),
    onSuccess: () => router.refresh(),
  });
  const err = (n: Name) => form.formState.errors[n]?.message;
  const input = (n: Name, label: string, props: React.ComponentProps<"input"> = {}) => (
    <Field key={n} label={label} htmlFor={`d-${n}`} error={err(n)}>
      <Input
        id={`d-${n}`}
        aria-invalid={!!err(n)}
        aria-describedby={describedBy(`d-${n}`, err(n))}
        {...props}
        {...form.register(n)}
      />
    </Field>
  );
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Customer details">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {saved && !form.formState.isDirty ? <Alert tone="success">Details saved.</Alert> : null}
      <fieldset disabled={!canEdit || pending} className="grid gap-3 sm:grid-cols-2">
        {TEXT_FIELDS.map(([n, label, props]) => input(n, label, props))}
        <Field
          label="Referred by"
          htmlFor="d-referredById"
          error={err("referredById")}
          hint="Search your customers by name, email or phone"
        >
          <Controller
            control={form.control}
            name="referredById"
            render={({ field }) => (
              <CustomerPicker
                id="d-referredById"
                value={field.value && chosenReferrer?.id === field.value ? chosenReferrer : null}
                onChange={(option) => {
                  setChosenReferrer(option);
                  field.onChange(option?.id ?? "");
                }}
                search={searchCustomersAction}
                excludeId={contactId}
                disabled={!canEdit || pending}
                invalid={!!err("referredById")}
                describedBy={describedBy("d-referredById", err("referredById"), "hint")}
              />
            )}
          />
        </Field>
        <Field label="Time zone" htmlFor="d-timeZone" error={err("timeZone")} hint="Type to search, e.g. Europe/Paris">
          <Input
            id="d-timeZone"
            list="contact-time-zones"
            autoComplete="off"
            aria-invalid={!!err("timeZone")}
            aria-describedby={describedBy("d-timeZone", err("timeZone"), "hint")}
            {...form.register("timeZone")}
          />
          <datalist id="contact-time-zones">
            {timeZones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </Field>
        <Field label="Preferred contact method" htmlFor="d-method" error={err("preferredContactMethod")}>
          <Select id="d-method" {...form.register("preferredContactMethod")}>
            <option value="">No preference</option>
            {CONTACT_METHODS.map((m) => (
              <option key={m} value={m}>
                {CONTACT_METHOD_LABELS[m]}
              </option>
            ))}
          </Select>
        </Field>
        {input("quietHoursStart", "Quiet hours from (overrides the organisation's)", { type: "time" })}
        {input("quietHoursEnd", "Quiet hours until", { type: "time" })}
        <Field
          label="Marketing consent"
          htmlFor="d-consent"
          error={err("marketingConsent")}
          hint="Per-topic choices are under Email preferences"
        >
          <Select id="d-consent" {...form.register("marketingConsent")}>
            {CONSENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {CONSENT_LABELS[s]}
              </option>
            ))}
          </Select>
        </Field>
      </fieldset>
      {canEdit ? (
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save details"}
        </Button>
      ) : null}
    </form>
  );
}
