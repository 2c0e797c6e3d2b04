/** Value types a field can have, and the operators each offers. Shared by the builder UI and the compiler. */
export const FIELD_TYPES = ["text", "number", "date", "enum", "boolean", "tags", "interaction_count"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const OPERATORS = {
  text: ["is", "is_not", "contains", "starts_with", "is_empty", "is_not_empty"],
  number: ["eq", "neq", "lt", "lte", "gt", "gte", "between", "is_empty"],
  date: ["before", "after", "on", "within_last_days", "more_than_days_ago", "in_next_days", "is_empty", "is_not_empty"],
  enum: ["any_of", "none_of"],
  boolean: ["is_true", "is_false"],
  tags: ["has_any", "has_all", "has_none"],
  interaction_count: ["at_least", "fewer_than"],
} as const satisfies Record<FieldType, readonly string[]>;
export type Operator = (typeof OPERATORS)[FieldType][number];

export const OPERATOR_LABELS: Record<Operator, string> = {
  is: "is",
  is_not: "is not",
  contains: "contains",
  starts_with: "starts with",
  is_empty: "is empty",
  is_not_empty: "is not empty",
  eq: "=",
  neq: "≠",
  lt: "<",
  lte: "≤",
  gt: ">",
  gte: "≥",
  between: "between",
  before: "is before",
  after: "is after",
  on: "is on",
  within_last_days: "within the last … days",
  more_than_days_ago: "more than … days ago",
  in_next_days: "in the next … days",
  any_of: "is any of",
  none_of: "is none of",
  is_true: "is yes",
  is_false: "is no",
  has_any: "has any of",
  has_all: "has all of",
  has_none: "has none of",
  at_least: "at least",
  fewer_than: "fewer than",
};

/** Operators whose truth changes with the clock alone: segments using them are refreshed on a schedule. */
export const RELATIVE_OPERATORS: readonly Operator[] = ["within_last_days", "more_than_days_ago", "in_next_days"];

/** Operators that take no value. */
export const VALUELESS: readonly Operator[] = ["is_empty", "is_not_empty", "is_true", "is_false"];

export function operatorsFor(type: FieldType): readonly Operator[] {
  return OPERATORS[type];
}
