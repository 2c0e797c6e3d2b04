import { z } from "zod";
import { isValidTimeZone } from "../time-zones";
import { LIFECYCLE_STAGES } from "./lifecycle";
import { CONSENT_STATUSES, CONTACT_METHODS } from "./constants";

const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `Keep the ${label} under ${max} characters`);
const clockTime = z.union([
  z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a 24-hour time such as 21:00"),
  z.literal(""),
]);

export const contactDetailsSchema = z
  .object({
    firstName: z.string().trim().min(1, "Enter a first name").max(100, "Keep the first name under 100 characters"),
    lastName: optionalText(100, "last name"),
    email: z.union([
      z.literal(""),
      z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address such as ana@example.com")),
    ]),
    phone: z.union([
      z.literal(""),
      z
        .string()
        .trim()
        .regex(/^\+?[0-9 ()./-]{5,30}$/, "Enter a phone number using digits, spaces and an optional leading +"),
    ]),
    company: optionalText(200, "company"),
    jobTitle: optionalText(200, "job title"),
    addressLine1: optionalText(200, "address"),
    addressLine2: optionalText(200, "address"),
    city: optionalText(100, "city"),
    region: optionalText(100, "region"),
    postalCode: optionalText(20, "postal code"),
    country: optionalText(100, "country"),
    preferredLanguage: optionalText(35, "language"),
    preferredContactMethod: z.union([z.literal(""), z.enum(CONTACT_METHODS, "Choose email, SMS, WhatsApp or phone")]),
    timeZone: z.union([
      z.literal(""),
      z.string().trim().refine(isValidTimeZone, "Choose a time zone from the list (an IANA name such as Europe/Paris)"),
    ]),
    quietHoursStart: clockTime,
    quietHoursEnd: clockTime,
    birthday: z.union([z.literal(""), z.iso.date("Use a date such as 1990-04-21")]),
    referralSource: optionalText(200, "referral source"),
    referredById: z.union([z.literal(""), z.uuid("Choose a customer from the list")]),
    marketingConsent: z.enum(CONSENT_STATUSES, "Choose a consent status"),
  })
  .superRefine((v, ctx) => {
    if (!!v.quietHoursStart !== !!v.quietHoursEnd) {
      ctx.addIssue({
        code: "custom",
        path: [v.quietHoursStart ? "quietHoursEnd" : "quietHoursStart"],
        message: "Give both ends of the quiet hours, or neither",
      });
    }
  });
export type ContactDetailsInput = z.input<typeof contactDetailsSchema>;
export type ContactDetails = z.output<typeof contactDetailsSchema>;

export const newContactSchema = z.object({
  firstName: z.string().trim().min(1, "Enter a first name").max(100, "Keep the first name under 100 characters"),
  lastName: optionalText(100, "last name"),
  email: z.union([
    z.literal(""),
    z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address such as ana@example.com")),
  ]),
  phone: z.union([
    z.literal(""),
    z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()./-]{5,30}$/, "Enter a phone number using digits, spaces and an optional leading +"),
  ]),
  company: optionalText(200, "company"),
});
export type NewContactInput = z.input<typeof newContactSchema>;

export const lifecycleSchema = z.object({
  contactId: z.uuid(),
  stage: z.enum(LIFECYCLE_STAGES, "Choose a lifecycle stage"),
});
export const ownerSchema = z.object({ contactId: z.uuid(), ownerId: z.union([z.uuid(), z.null()]) });
