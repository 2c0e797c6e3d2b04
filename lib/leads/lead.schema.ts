import { z } from "zod";
import { LEAD_SOURCES } from "./constants";

/**
 * Form-shaped schemas shared by the browser and the server: strings in, strings out (no
 * transforms), so parsing twice is harmless. lib converts to minor units and numbers.
 */
const optionalUuid = (label: string) => z.union([z.uuid(`${label}: choose one from the list`), z.literal("")]);
const text = (label: string, max: number) => z.string().trim().max(max, `${label}: keep it under ${max} characters`);

export const moneyString = z
  .string()
  .trim()
  .refine((v) => !v.startsWith("-"), "Value can't be negative")
  .refine((v) => v === "" || /^\d{1,12}(\.\d{1,2})?$/.test(v), "Value: enter an amount such as 1200 or 1200.50");

const intString = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .refine((v) => v === "" || /^-?\d+$/.test(v), `${label}: enter a whole number`)
    .refine((v) => v === "" || Number(v) >= min, `${label} can't be below ${min}`)
    .refine((v) => v === "" || Number(v) <= max, `${label} can't be above ${max}`);

export const leadFieldsSchema = z.object({
  title: z.string().trim().min(1, "Title: enter what is being sold").max(200, "Title: keep it under 200 characters"),
  stageId: z.uuid("Stage: choose a stage of this pipeline"),
  value: moneyString,
  ownerId: optionalUuid("Owner"),
  contactId: optionalUuid("Contact"),
  company: text("Company", 200),
  companySize: intString("Company size", 0, 1_000_000),
  industry: text("Industry", 100),
  jobTitle: text("Job title", 100),
  source: z.union([z.enum(LEAD_SOURCES, "Source: choose one from the list"), z.literal("")]),
  expectedCloseDate: z.union([z.iso.date("Expected close date: use a date such as 2026-12-31"), z.literal("")]),
  lostReason: text("Lost reason", 500),
  lostNote: text("Note", 500).optional(),
  manualAdjustment: intString("Manual adjustment", -50, 50),
  manualReason: text("Reason", 300),
});

const manualReasonRequired = (v: { manualAdjustment: string; manualReason: string }, ctx: z.RefinementCtx) => {
  if (v.manualAdjustment && Number(v.manualAdjustment) !== 0 && !v.manualReason) {
    ctx.addIssue({ code: "custom", path: ["manualReason"], message: "Reason: say why the score is adjusted" });
  }
};

export const leadFormSchema = leadFieldsSchema.superRefine(manualReasonRequired);
export type LeadForm = z.input<typeof leadFormSchema>;

export const updateLeadSchema = leadFieldsSchema
  .extend({ id: z.uuid("That lead was not found") })
  .superRefine(manualReasonRequired);

export const quickAddSchema = z.object({
  title: leadFieldsSchema.shape.title,
  stageId: leadFieldsSchema.shape.stageId,
  value: moneyString.optional().default(""),
});
export type QuickAdd = z.input<typeof quickAddSchema>;

/** Fields the person may fill in when a stage requires them on entry. */
export const entryFieldsSchema = z
  .object({
    value: moneyString.optional(),
    lostReason: text("Lost reason", 500).optional(),
    lostNote: text("Note", 500).optional(),
    expectedCloseDate: z
      .union([z.iso.date("Expected close date: use a date such as 2026-12-31"), z.literal("")])
      .optional(),
    contactId: optionalUuid("Contact").optional(),
  })
  .default({});
export type EntryFields = z.input<typeof entryFieldsSchema>;

export const moveLeadSchema = z.object({
  leadId: z.uuid("That lead was not found"),
  toStageId: z.uuid("Stage: choose a stage of this pipeline"),
  // The card it was dropped after/before; the server re-reads their ranks.
  afterId: z.uuid().nullish(),
  beforeId: z.uuid().nullish(),
  fields: entryFieldsSchema,
});
export type MoveLeadInput = z.input<typeof moveLeadSchema>;

export const bulkSchema = z.object({
  ids: z.array(z.uuid()).min(1, "Select at least one lead").max(500, "Select at most 500 leads at once"),
});
export const bulkAssignSchema = bulkSchema.extend({ ownerId: optionalUuid("Owner") });
export const bulkMoveSchema = bulkSchema.extend({
  toStageId: z.uuid("Stage: choose a stage of this pipeline"),
  fields: entryFieldsSchema,
});

/** "1200.50" → 120050 minor units. */
export function toMinorUnits(v: string | undefined): number {
  if (!v) return 0;
  const [whole, frac = ""] = v.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
}
export function fromMinorUnits(n: number): string {
  return n % 100 === 0 ? String(n / 100) : (n / 100).toFixed(2);
}
