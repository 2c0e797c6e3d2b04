import type { FieldType, Operator } from "./operators";
import { VALUELESS } from "./operators";

/** Whether a condition's value is still empty (a new condition starts that way, and stays silent). */
export function isMissingValue(op: Operator, value: unknown): boolean {
  if (VALUELESS.includes(op)) return false;
  if (value === undefined || value === null || value === "") return true;
  if (Array.isArray(value)) return value.length === 0 || value.some((v) => v === undefined || v === null || v === "");
  if (typeof value === "object") {
    const v = value as { type?: unknown; days?: unknown; count?: unknown };
    return !v.type || typeof v.days !== "number" || typeof v.count !== "number";
  }
  return false;
}

/** What to say when a condition has no value yet, in words: "Pick at least one lifecycle stage". */
export function missingValueMessage(field: { label: string; type: FieldType }, op: Operator): string {
  const noun = field.label.toLowerCase();
  switch (field.type) {
    case "enum":
      return `Pick at least one ${noun}`;
    case "tags":
      return "Pick at least one tag";
    case "number":
      return op === "between" ? "Enter both numbers" : "Enter a number";
    case "date":
      return op === "before" || op === "after" || op === "on" ? "Pick a date" : "Enter a number of days";
    case "interaction_count":
      return "Choose the kind of interaction, how many, and over how many days";
    default:
      return "Enter a value";
  }
}

/** The operator a new condition on this field starts with: amounts and counts start at "at least". */
export function defaultOperator(type: FieldType, ops: readonly Operator[]): Operator {
  if (type === "number" && ops.includes("gte")) return "gte";
  return ops[0]!;
}
