"use client";

import { useRouter } from "next/navigation";
import { useWatch } from "react-hook-form";
import { useServerForm } from "@/components/forms/use-server-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, describedBy } from "@/components/ui/field";
import { scheduleSchema } from "@/lib/campaigns/campaign.schema";
import { scheduleCampaignAction } from "../actions";

const MODES = [
  { value: "now", label: "Now" },
  { value: "at", label: "At a date and time (the organisation's zone)" },
  { value: "local_time", label: "At a local time in each customer's own zone" },
] as const;

/** When the campaign goes: the last step of composing (owners; the page checks). */
export function ScheduleForm({ campaignId, zone }: { campaignId: string; zone: string }) {
  const router = useRouter();
  const { form, submit, formError, pending } = useServerForm({
    schema: scheduleSchema,
    defaultValues: { mode: "now", at: "", localDate: "", localTime: "09:00", passedPolicy: "next_day" },
    action: (schedule) => scheduleCampaignAction({ id: campaignId, schedule }),
    onSuccess: () => router.refresh(),
  });
  const mode = useWatch({ control: form.control, name: "mode" });
  const errors = form.formState.errors;
  return (
    <form aria-label="Schedule campaign" noValidate className="space-y-3" onSubmit={submit}>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <fieldset disabled={pending} className="space-y-3">
        <legend className="text-sm font-medium text-slate-700">When</legend>
        {MODES.map((m) => (
          <label key={m.value} className="flex items-center gap-2 text-sm">
            <input type="radio" value={m.value} {...form.register("mode")} />
            {m.label}
          </label>
        ))}
        {mode === "at" ? (
          <Field label={`Date and time (${zone})`} htmlFor="sc-at" error={errors.at?.message}>
            <Input
              id="sc-at"
              type="datetime-local"
              aria-invalid={!!errors.at}
              aria-describedby={describedBy("sc-at", errors.at?.message)}
              {...form.register("at")}
            />
          </Field>
        ) : null}
        {mode === "local_time" ? (
          <div className="grid gap-3 sm:grid-cols-3">
            <Field label="Local date" htmlFor="sc-date" error={errors.localDate?.message}>
              <Input id="sc-date" type="date" aria-invalid={!!errors.localDate} {...form.register("localDate")} />
            </Field>
            <Field label="Local time" htmlFor="sc-time" error={errors.localTime?.message}>
              <Input id="sc-time" type="time" aria-invalid={!!errors.localTime} {...form.register("localTime")} />
            </Field>
            <Field label="If that time has passed for someone" htmlFor="sc-passed">
              <Select id="sc-passed" {...form.register("passedPolicy")}>
                <option value="next_day">Send the next day at that time</option>
                <option value="at_once">Send at once</option>
              </Select>
            </Field>
          </div>
        ) : null}
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? "Working…" : mode === "now" ? "Send now" : "Schedule"}
      </Button>
    </form>
  );
}
