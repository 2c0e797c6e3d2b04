import { z } from "zod";
import { bodyError } from "@/lib/email/body";
import { tokenError } from "@/lib/email/tokens";
import {
  AB_METRICS,
  ATTRIBUTION_BASES,
  PASSED_POLICIES,
  SCHEDULE_MODES,
  TRANSACTIONAL,
  VARIANT_KEYS,
} from "./constants";

/** Shared by the compose form and lib/campaigns. No database or UI imports. */
const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
const ymd = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const ids = (message: string) => z.array(z.uuid(message)).max(20, "Choose at most 20 segments");

/** One A/B variant's changes to the campaign's content; an empty field keeps variant A's. */
const variantSchema = z.object({
  subject: z.string().trim().max(200, "Keep the subject under 200 characters").default(""),
  preheader: z.string().trim().max(200, "Keep the preheader under 200 characters").default(""),
  body: z.string().max(20_000, "Keep the message under 20,000 characters").default(""),
});
export type VariantInput = z.input<typeof variantSchema>;

export const campaignSchema = z
  .object({
    name: z.string().trim().min(1, "Give the campaign a name").max(120, "Keep the name under 120 characters"),
    // A marketing topic's key, or "transactional" for notices every customer must get.
    category: z.string().trim().min(1, "Choose a topic, or transactional"),
    segmentIds: ids("That segment was not found.").min(1, "Choose at least one segment"),
    excludedSegmentIds: ids("That segment was not found.").default([]),
    templateId: z.union([z.uuid("That template was not found."), z.literal("")]).nullish(),
    subject: z.string().trim().max(200, "Keep the subject under 200 characters").default(""),
    preheader: z.string().trim().max(200, "Keep the preheader under 200 characters").default(""),
    body: z.string().max(20_000, "Keep the message under 20,000 characters").nullish(),
    throttlePerHour: z.coerce
      .number("Write a number")
      .int("Write a whole number")
      .min(1, "At least 1 per hour")
      .max(1_000_000, "At most 1,000,000 per hour")
      .nullish(),
    capExempt: z.boolean().default(false),
    holdoutPercent: z.coerce
      .number("Write a number")
      .int("Write a whole percent")
      .min(0, "0 to 50 percent")
      .max(50, "0 to 50 percent")
      .default(0),
    attributionWindowDays: z.coerce
      .number("Write a number")
      .int("Write whole days")
      .min(1, "1 to 90 days")
      .max(90, "1 to 90 days")
      .default(5),
    attributionBasis: z.enum(ATTRIBUTION_BASES, "Choose click, open or delivery").default("click"),
    // A/B test: variant A is the content above; B to D change its subject, preheader and/or message.
    abEnabled: z.boolean().default(false),
    abTestPercent: z.coerce
      .number("Write a number")
      .int("Write a whole percent")
      .min(5, "5 to 90 percent")
      .max(90, "5 to 90 percent")
      .default(20),
    abMetric: z.enum(AB_METRICS, "Choose click rate, conversion rate or revenue per recipient").default("click_rate"),
    abDecideAfterHours: z.coerce
      .number("Write a number")
      .int("Write whole hours")
      .min(1, "1 to 168 hours")
      .max(168, "1 to 168 hours")
      .default(4),
    abFallbackVariant: z.enum(VARIANT_KEYS, "Choose one of the variants").default("A"),
    variants: z.array(variantSchema).max(3, "At most four variants: A and three more").default([]),
  })
  .superRefine((v, c) => {
    if (v.abEnabled) {
      if (v.variants.length < 1)
        c.addIssue({ code: "custom", path: ["variants"], message: "Add at least variant B to test against A" });
      if (VARIANT_KEYS.indexOf(v.abFallbackVariant) > v.variants.length)
        c.addIssue({ code: "custom", path: ["abFallbackVariant"], message: "Choose one of the variants" });
      v.variants.forEach((x, i) => {
        const key = VARIANT_KEYS[i + 1];
        if (!x.subject && !x.preheader && !x.body.trim())
          c.addIssue({
            code: "custom",
            path: ["variants", i, "subject"],
            message: `Variant ${key} is the same as A: change its subject, preheader or message`,
          });
        if (x.subject && tokenError(x.subject))
          c.addIssue({ code: "custom", path: ["variants", i, "subject"], message: tokenError(x.subject)! });
        if (x.body.trim() && bodyError(x.body))
          c.addIssue({ code: "custom", path: ["variants", i, "body"], message: bodyError(x.body)! });
      });
    }
    const overlap = v.segmentIds.filter((id) => v.excludedSegmentIds.includes(id));
    if (overlap.length)
      c.addIssue({
        code: "custom",
        path: ["excludedSegmentIds"],
        message: "A segment cannot be both included and excluded",
      });
    if (v.subject && tokenError(v.subject))
      c.addIssue({ code: "custom", path: ["subject"], message: tokenError(v.subject)! });
    if (!v.templateId) {
      if (!v.subject) c.addIssue({ code: "custom", path: ["subject"], message: "Write a subject" });
      if (!v.body?.trim())
        c.addIssue({ code: "custom", path: ["body"], message: "Write the message, or choose a template" });
      else if (bodyError(v.body)) c.addIssue({ code: "custom", path: ["body"], message: bodyError(v.body)! });
    }
  });
export type CampaignInput = z.input<typeof campaignSchema>;

export const scheduleSchema = z
  .object({
    mode: z.enum(SCHEDULE_MODES, "Choose now, at a time, or at a local time"),
    // mode "at": a date and time in the organisation's zone ("2026-12-05T09:00").
    at: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Choose a date and time")
      .nullish()
      .or(z.literal("")),
    localDate: z.string().regex(ymd, "Choose a date").nullish().or(z.literal("")),
    localTime: z.string().regex(hhmm, "Write the time as HH:MM").nullish().or(z.literal("")),
    passedPolicy: z.enum(PASSED_POLICIES, "Choose the next day or at once").default("next_day"),
  })
  .superRefine((v, c) => {
    if (v.mode === "at" && !v.at) c.addIssue({ code: "custom", path: ["at"], message: "Choose a date and time" });
    if (v.mode === "local_time") {
      if (!v.localDate) c.addIssue({ code: "custom", path: ["localDate"], message: "Choose a date" });
      if (!v.localTime) c.addIssue({ code: "custom", path: ["localTime"], message: "Write the time as HH:MM" });
    }
  });
export type ScheduleInput = z.input<typeof scheduleSchema>;

export const isTransactional = (category: string) => category === TRANSACTIONAL;
