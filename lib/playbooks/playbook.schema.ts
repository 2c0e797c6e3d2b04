import { z } from "zod";
import { EXIT_EVENTS, PLAYBOOK_TRIGGERS, REENTRY_RULES, SEGMENT_TRIGGER } from "./constants";

export const exitEventSchema = z.object({ event: z.enum(EXIT_EVENTS), converts: z.boolean().default(false) });
export type ExitEvent = z.infer<typeof exitEventSchema>;

export const playbookSettingsSchema = z
  .object({
    name: z.string().trim().min(1, "Enter a name").max(120),
    description: z.string().trim().max(1000).default(""),
    trigger: z.enum(PLAYBOOK_TRIGGERS, "Choose a trigger"),
    triggerSegmentId: z.uuid("Choose a segment from the list").nullable().default(null),
    marketing: z.boolean().default(true),
    reentry: z.enum(REENTRY_RULES).default("never"),
    reentryDays: z.coerce.number().int().min(1, "At least 1 day").max(3650).nullable().default(null),
    exitEvents: z.array(exitEventSchema).max(10).default([]),
  })
  .refine((d) => d.reentry !== "after_days" || d.reentryDays != null, { message: "Enter the number of days", path: ["reentryDays"] })
  .refine((d) => d.trigger !== SEGMENT_TRIGGER || d.triggerSegmentId != null, { message: "Choose a segment", path: ["triggerSegmentId"] })
  // Only the segment trigger names a segment: any other keeps none, so the segment stays deletable.
  .transform((d) => ({ ...d, triggerSegmentId: d.trigger === SEGMENT_TRIGGER ? d.triggerSegmentId : null }));
export type PlaybookSettings = z.infer<typeof playbookSettingsSchema>;
