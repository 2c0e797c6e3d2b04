import { z } from "zod";
import { DIRECTIONS, INTERACTION_TYPES } from "./constants";

export const interactionSchema = z
  .object({
    contactId: z.uuid(),
    type: z.enum(INTERACTION_TYPES, "Choose the kind of interaction"),
    channel: z.string().trim().max(100, "Keep the channel under 100 characters"),
    direction: z.enum(DIRECTIONS, "Choose inbound or outbound"),
    subject: z.string().trim().max(200, "Keep the subject under 200 characters"),
    notes: z.string().trim().max(10_000, "Keep the notes under 10,000 characters"),
    durationMinutes: z.union([
      z.literal(""),
      z.coerce
        .number()
        .int("Use whole minutes")
        .min(0, "Duration cannot be negative")
        .max(1440, "Duration is at most 24 hours"),
    ]),
    outcome: z.string().trim().max(200, "Keep the outcome under 200 characters"),
    // Entered in major units ("12.50"); stored as minor units.
    amount: z.union([
      z.literal(""),
      z
        .string()
        .trim()
        .regex(/^\d{1,9}(\.\d{1,2})?$/, "Enter an amount such as 12.50"),
    ]),
    followUpRequired: z.boolean(),
    followUpDate: z.union([z.literal(""), z.iso.date("Use a date such as 2026-12-01")]),
    followUpTitle: z.string().trim().max(200, "Keep the follow-up under 200 characters"),
  })
  .superRefine((v, ctx) => {
    if (v.followUpRequired && !v.followUpDate)
      ctx.addIssue({ code: "custom", path: ["followUpDate"], message: "Choose when to follow up" });
    if (v.type === "purchase" && !v.amount)
      ctx.addIssue({ code: "custom", path: ["amount"], message: "Enter the amount of the purchase" });
  });
export type InteractionInput = z.input<typeof interactionSchema>;

export const noteSchema = z.object({
  contactId: z.uuid(),
  body: z.string().trim().min(1, "Write something").max(20_000, "Keep the note under 20,000 characters"),
  pinned: z.boolean(),
  isPrivate: z.boolean(),
});
export type NoteInput = z.input<typeof noteSchema>;

export const noteUpdateSchema = z.object({
  noteId: z.uuid(),
  body: z.string().trim().min(1, "Write something").max(20_000, "Keep the note under 20,000 characters").optional(),
  pinned: z.boolean().optional(),
});

export const followUpSchema = z.object({
  contactId: z.uuid(),
  title: z.string().trim().min(1, "Say what to do").max(200, "Keep it under 200 characters"),
  dueDate: z.iso.date("Use a date such as 2026-12-01"),
  assigneeId: z.union([z.literal(""), z.uuid()]),
});
export type FollowUpInput = z.input<typeof followUpSchema>;

export function toMinorUnits(amount: string): number {
  const [whole, frac = ""] = amount.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
}
