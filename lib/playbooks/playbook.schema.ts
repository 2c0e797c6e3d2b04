import { z } from "zod";
import { EXIT_EVENTS, PLAYBOOK_TRIGGERS, REENTRY_RULES, SEGMENT_TRIGGER } from "./constants";

export const exitEventSchema = z.object({
  event: z.enum(EXIT_EVENTS, "Choose an event"),
  converts: z.boolean().default(false),
});
export type ExitEvent = z.infer<typeof exitEventSchema>;

export const MAX_EXIT_EVENTS = 10;

// Everything but the trigger: shared by the whole settings object and the Settings form.
const detailFields = {
  name: z.string().trim().min(1, "Enter a name").max(120, "At most 120 characters"),
  description: z.string().trim().max(1000, "At most 1000 characters").default(""),
  marketing: z.boolean().default(true),
  reentry: z.enum(REENTRY_RULES, "Choose a re-entry rule").default("never"),
  // An empty days box reads as no number (coercing it would make 0).
  reentryDays: z.preprocess(
    (v) => (v === "" || v === undefined ? null : v),
    z.coerce
      .number("Enter a whole number of days")
      .int("Enter a whole number of days")
      .min(1, "At least 1 day")
      .max(3650, "At most 3650 days")
      .nullable(),
  ),
  exitEvents: z.array(exitEventSchema).max(MAX_EXIT_EVENTS, `At most ${MAX_EXIT_EVENTS} exit events`).default([]),
};

const needsDays = (d: { reentry: string; reentryDays: number | null }) =>
  d.reentry !== "after_days" || d.reentryDays != null;
const daysIssue = { message: "Enter the number of days", path: ["reentryDays"] };

export const playbookSettingsSchema = z
  .object({
    ...detailFields,
    trigger: z.enum(PLAYBOOK_TRIGGERS, "Choose a trigger"),
    triggerSegmentId: z.uuid("Choose a segment from the list").nullable().default(null),
  })
  .refine(needsDays, daysIssue)
  .refine((d) => d.trigger !== SEGMENT_TRIGGER || d.triggerSegmentId != null, {
    message: "Choose a segment",
    path: ["triggerSegmentId"],
  })
  // Only the segment trigger names a segment: any other keeps none, so the segment stays deletable.
  // Likewise the days count only for "after N days".
  .transform((d) => ({
    ...d,
    triggerSegmentId: d.trigger === SEGMENT_TRIGGER ? d.triggerSegmentId : null,
    reentryDays: d.reentry === "after_days" ? d.reentryDays : null,
  }));
export type PlaybookSettings = z.infer<typeof playbookSettingsSchema>;

/**
 * The Settings form: every setting but the trigger, which has its own form. An empty days box
 * reads as no number; the days count only for "after N days", and each exit event is listed once.
 */
export const playbookDetailsSchema = z
  .object(detailFields)
  .refine(needsDays, daysIssue)
  .superRefine((d, issue) => {
    const seen = new Set<string>();
    d.exitEvents.forEach((e, i) => {
      if (seen.has(e.event))
        issue.addIssue({ code: "custom", message: "This event is listed already", path: ["exitEvents", i, "event"] });
      seen.add(e.event);
    });
  })
  .transform((d) => ({ ...d, reentryDays: d.reentry === "after_days" ? d.reentryDays : null }));
export type PlaybookDetails = z.infer<typeof playbookDetailsSchema>;
export type PlaybookDetailsInput = z.input<typeof playbookDetailsSchema>;
