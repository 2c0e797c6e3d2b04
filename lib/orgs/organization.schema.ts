import { z } from "zod";
import { isValidCurrency, isValidTimeZone } from "../time-zones";
import { LOCALE_VALUES } from "./locales";

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a 24-hour time such as 21:00");

export const organizationSettingsSchema = z
  .object({
    name: z.string().trim().min(1, "Enter the organisation's name").max(100, "Keep the name under 100 characters"),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isValidCurrency, "Use a three-letter ISO 4217 currency code such as USD or EUR"),
    timeZone: z
      .string()
      .trim()
      .refine(isValidTimeZone, "Choose a time zone from the list (an IANA name such as Europe/Paris)"),
    // How dates, numbers and amounts read; left out, the organisation keeps its current one.
    locale: z
      .string()
      .refine((v) => LOCALE_VALUES.includes(v), "Choose a language and region from the list")
      .optional(),
    quietHoursEnabled: z.boolean(),
    quietHoursStart: z.union([clockTime, z.literal("")]),
    quietHoursEnd: z.union([clockTime, z.literal("")]),
    quietHoursNoWeekend: z.boolean(),
    // Marketing emails per customer per rolling window, across all playbooks (transactional mail is exempt).
    frequencyCapEnabled: z.boolean().default(true),
    frequencyCapCount: z
      .number({ error: "Enter a number of emails" })
      .int("Use a whole number")
      .min(1, "At least 1 email")
      .max(100, "At most 100 emails")
      .default(3),
    frequencyCapDays: z
      .number({ error: "Enter a number of days" })
      .int("Use a whole number")
      .min(1, "At least 1 day")
      .max(90, "At most 90 days")
      .default(7),
    // On: marketing email only to customers whose consent is "Subscribed"; off: soft opt-in ("Not asked" gets it too).
    marketingRequiresConsent: z.boolean({ error: "Choose whether marketing email needs a yes" }).default(false),
  })
  .superRefine((value, ctx) => {
    if (!value.quietHoursEnabled) return;
    if (!value.quietHoursStart)
      ctx.addIssue({ code: "custom", path: ["quietHoursStart"], message: "Enter when quiet hours start" });
    if (!value.quietHoursEnd)
      ctx.addIssue({ code: "custom", path: ["quietHoursEnd"], message: "Enter when quiet hours end" });
    if (value.quietHoursStart && value.quietHoursStart === value.quietHoursEnd) {
      ctx.addIssue({
        code: "custom",
        path: ["quietHoursEnd"],
        message: "Quiet hours must end at a different time than they start",
      });
    }
  });

export type OrganizationSettingsInput = z.input<typeof organizationSettingsSchema>;
export type OrganizationSettings = z.output<typeof organizationSettingsSchema>;
