import { z } from "zod";
import { REQUIRABLE_FIELDS, STAGE_KINDS } from "./constants";
import { FIT_FIELDS, FIT_OPS } from "./scoring";

const optionalPositive = (label: string) =>
  z.union([
    z.literal(""),
    z.coerce
      .number(`${label}: enter a whole number`)
      .int(`${label}: enter a whole number`)
      .min(1, `${label} must be at least 1`)
      .max(10_000, `${label} is too large`),
  ]);

export const stageFieldsSchema = z.object({
  name: z.string().trim().min(1, "Name: enter a stage name").max(40, "Name: keep it under 40 characters"),
  kind: z.enum(STAGE_KINDS, "Kind: choose open, won or lost"),
  probability: z.coerce
    .number("Probability: enter a number from 0 to 100")
    .int("Probability: enter a whole number")
    .min(0, "Probability can't be below 0")
    .max(100, "Probability can't be above 100"),
  rottingDays: optionalPositive("Rotting days"),
  wipLimit: optionalPositive("WIP limit"),
  requiredFields: z.array(z.enum(REQUIRABLE_FIELDS, "Required fields: unknown field")).default([]),
});
export type StageFields = z.input<typeof stageFieldsSchema>;

export const updateStageSchema = stageFieldsSchema.extend({ id: z.uuid("That stage was not found") });
export const reorderStagesSchema = z.object({ ids: z.array(z.uuid()).min(1) });
export const deleteStageSchema = z.object({
  id: z.uuid("That stage was not found"),
  moveToStageId: z.uuid("Move leads to: choose another stage"),
});

export const scoringSchema = z
  .object({
    fitWeight: z.coerce
      .number("Fit weight: enter a number")
      .int()
      .min(0, "Fit weight can't be negative")
      .max(100, "Fit weight can't be above 100"),
    engagementWeight: z.coerce
      .number("Engagement weight: enter a number")
      .int()
      .min(0, "Engagement weight can't be negative")
      .max(100, "Engagement weight can't be above 100"),
    autoMqlScore: z.coerce
      .number("Auto-move score: enter a number")
      .int()
      .min(0, "Auto-move score can't be below 0")
      .max(100, "Auto-move score can't be above 100"),
    disqualifyScore: z.coerce
      .number("Disqualify score: enter a number")
      .int()
      .min(0, "Disqualify score can't be below 0")
      .max(100, "Disqualify score can't be above 100"),
    fitRules: z
      .array(
        z.object({
          field: z.enum(FIT_FIELDS),
          op: z.enum(FIT_OPS),
          value: z.string().trim().min(1, "Rule value: enter what to match").max(100),
          points: z.coerce
            .number("Rule points: enter a number")
            .int()
            .min(-100, "Rule points can't be below -100")
            .max(100, "Rule points can't be above 100"),
        }),
      )
      .max(50, "Keep it to 50 rules"),
  })
  .refine((v) => v.fitWeight + v.engagementWeight > 0, {
    path: ["fitWeight"],
    message: "Fit weight: at least one weight must be above 0",
  })
  .refine((v) => v.disqualifyScore < v.autoMqlScore, {
    path: ["disqualifyScore"],
    message: "Disqualify score must be below the auto-move score",
  });
export type ScoringInput = z.input<typeof scoringSchema>;
