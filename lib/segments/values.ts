import { z } from "zod";
import type { FieldType, Operator } from "./operators";
import { isIsoDate } from "./zoned-dates";

const MAX_INT = 1e15;
const int = z.number({ error: "Enter a number" }).int("Use a whole number").min(-MAX_INT).max(MAX_INT);
const days = z
  .number({ error: "Enter a number of days" })
  .int("Use a whole number of days")
  .min(0, "Days cannot be negative")
  .max(36_500);
const isoDate = z.string().refine(isIsoDate, "Enter a date as YYYY-MM-DD");
const text = z
  .string({ error: "Enter a value" })
  .trim()
  .min(1, "Enter a value")
  .max(200, "Keep the value under 200 characters");
const list = z.array(z.string().min(1).max(100)).min(1, "Choose at least one").max(100);

/** The value each operator of each type takes (null: no value). Fields may override it. */
export function valueSchemaFor(type: FieldType, op: Operator): z.ZodType | null {
  if (op === "is_empty" || op === "is_not_empty" || op === "is_true" || op === "is_false") return null;
  switch (type) {
    case "text":
      return text;
    case "number":
      return op === "between"
        ? z.tuple([int, int]).refine(([a, b]) => a <= b, "The first number must not be larger than the second")
        : int;
    case "date":
      return op === "before" || op === "after" || op === "on" ? isoDate : days;
    case "enum":
      return list;
    case "tags":
      return z.array(z.uuid("Choose tags from the list")).min(1, "Choose at least one tag").max(100);
    case "interaction_count":
      return z.object({
        type: z.string().min(1),
        days: days.min(1, "At least 1 day"),
        count: z.number().int().min(0).max(1_000_000),
      });
    default:
      return null;
  }
}
