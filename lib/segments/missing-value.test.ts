import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { validateCriteria } from "./validate";
import { defaultOperator, isMissingValue } from "./missing-value";
import { OPERATORS } from "./operators";

const one = (field: string, op: string, value: unknown) => ({
  kind: "group",
  id: "g",
  match: "all",
  children: [{ kind: "condition", id: "c", field, op, value }],
});

function errorsOf(criteria: unknown) {
  try {
    validateCriteria(criteria);
    return {};
  } catch (e) {
    if (e instanceof ValidationError) return e.fieldErrors;
    throw e;
  }
}

describe("conditions without a value say what they need, in words", () => {
  it("a lifecycle stage with nothing picked", () => {
    expect(errorsOf(one("contact.lifecycle_stage", "any_of", undefined))).toEqual({
      "criteria.0": "Lifecycle stage: Pick at least one lifecycle stage",
    });
    expect(errorsOf(one("contact.lifecycle_stage", "any_of", []))).toEqual({
      "criteria.0": "Lifecycle stage: Pick at least one lifecycle stage",
    });
  });

  it("an amount with no number, and a between with one end only", () => {
    expect(errorsOf(one("contact.total_spent", "gte", undefined))).toEqual({
      "criteria.0": "Total spent: Enter a number",
    });
    expect(errorsOf(one("contact.total_spent", "between", [100, undefined]))).toEqual({
      "criteria.0": "Total spent: Enter both numbers",
    });
  });

  it("a wrong value still gets the value's own message, and a good one passes", () => {
    expect(errorsOf(one("contact.total_spent", "between", [500, 100]))["criteria.0"]).toMatch(/first number/);
    expect(errorsOf(one("contact.total_spent", "gte", 50_000))).toEqual({});
    expect(isMissingValue("is_empty", undefined)).toBe(false);
  });

  it("numbers start at “at least”", () => {
    expect(defaultOperator("number", OPERATORS.number)).toBe("gte");
    expect(defaultOperator("enum", OPERATORS.enum)).toBe("any_of");
  });
});
