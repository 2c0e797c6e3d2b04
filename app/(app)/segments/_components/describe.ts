import type { CriteriaCondition } from "@/lib/segments/criteria.schema";
import type { FieldInfo } from "@/lib/segments/fields/types";
import { OPERATOR_LABELS, type Operator } from "@/lib/segments/operators";

// Criteria amounts are written without a currency sign, the way they are typed in the builder.
const amountFmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

export const money = (minor: unknown) => (typeof minor === "number" ? amountFmt.format(minor / 100) : "?");

function valueText(field: FieldInfo, op: Operator, value: unknown): string {
  if (value === undefined || value === null) return "";
  const label = (v: unknown) => field.options?.find((o) => o.value === v)?.label ?? String(v);
  if (field.type === "interaction_count") {
    const v = value as { type?: string; days?: number; count?: number };
    return `${v.count ?? "?"} × ${label(v.type)} in the last ${v.days ?? "?"} days`;
  }
  if (Array.isArray(value)) {
    if (op === "between") return value.map((x) => (field.unit === "money" ? money(x) : String(x))).join(" and ");
    return value.map(label).join(", ");
  }
  if (field.unit === "money") return money(value);
  if (op === "within_last_days" || op === "more_than_days_ago" || op === "in_next_days") return `${String(value)} days`;
  return typeof value === "string" ? `“${value}”` : String(value);
}

/** "Total spent ≥ 500" — how a condition reads in the builder's explanations and summaries. */
export function describeCondition(c: CriteriaCondition, fields: FieldInfo[]): string {
  const field = fields.find((f) => f.key === c.field);
  if (!field) return "Unknown field";
  const op = c.op as Operator;
  const opText = (OPERATOR_LABELS[op] ?? c.op).replace(" … days", "").replace(" …", "");
  return `${field.label} ${opText} ${valueText(field, op, c.value)}`.trim();
}
