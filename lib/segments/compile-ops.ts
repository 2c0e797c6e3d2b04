import { inArray, isNull, notInArray, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { CompileEnv, FieldDef } from "./fields/types";
import type { Operator } from "./operators";
import { addDays, localDate, startOfLocalDay } from "./zoned-dates";

type Expr = SQL | AnyColumn;

/** `%` and `_` typed by a person are literal characters, not wildcards. */
export function escapeLike(value: string) {
  return value.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

function text(e: Expr, op: Operator, v: unknown): SQL {
  const s = String(v ?? "");
  switch (op) {
    case "is":
      return sql`lower(${e}) = ${s.toLowerCase()}`;
    case "is_not":
      return sql`(${e} is null or lower(${e}) <> ${s.toLowerCase()})`;
    case "contains":
      return sql`lower(${e}) like ${`%${escapeLike(s)}%`}`;
    case "starts_with":
      return sql`lower(${e}) like ${`${escapeLike(s)}%`}`;
    case "is_empty":
      return sql`(${e} is null or ${e} = '')`;
    case "is_not_empty":
      return sql`(${e} is not null and ${e} <> '')`;
  }
  throw new Error(`text operator ${op}`);
}

function number(e: Expr, op: Operator, v: unknown): SQL {
  switch (op) {
    case "eq":
      return sql`${e} = ${v}`;
    case "neq":
      return sql`(${e} is null or ${e} <> ${v})`;
    case "lt":
      return sql`${e} < ${v}`;
    case "lte":
      return sql`${e} <= ${v}`;
    case "gt":
      return sql`${e} > ${v}`;
    case "gte":
      return sql`${e} >= ${v}`;
    case "between": {
      const [a, b] = v as [number, number];
      return sql`${e} between ${a} and ${b}`;
    }
    case "is_empty":
      return sql`${e} is null`;
  }
  throw new Error(`number operator ${op}`);
}

/** Instants bounding local days in the organisation's zone; a `date` column compares calendar dates instead. */
function date(e: Expr, op: Operator, v: unknown, env: CompileEnv, kind: "timestamp" | "date"): SQL {
  if (op === "is_empty") return sql`${e} is null`;
  if (op === "is_not_empty") return sql`${e} is not null`;
  const today = localDate(env.now, env.timeZone);
  const bound = (day: string) =>
    kind === "date" ? sql`${day}::date` : sql`${startOfLocalDay(day, env.timeZone).toISOString()}::timestamptz`;
  const day = typeof v === "string" ? v : "";
  const n = typeof v === "number" ? v : 0;
  switch (op) {
    case "before":
      return sql`${e} < ${bound(day)}`;
    case "after":
      return sql`${e} >= ${bound(addDays(day, 1))}`;
    case "on":
      return sql`(${e} >= ${bound(day)} and ${e} < ${bound(addDays(day, 1))})`;
    // From midnight N days ago (local) until the end of today: "within the last 0 days" is today.
    case "within_last_days":
      return sql`(${e} >= ${bound(addDays(today, -n))} and ${e} < ${bound(addDays(today, 1))})`;
    case "more_than_days_ago":
      return sql`${e} < ${bound(addDays(today, -n))}`;
    case "in_next_days":
      return sql`(${e} >= ${bound(today)} and ${e} < ${bound(addDays(today, n + 1))})`;
  }
  throw new Error(`date operator ${op}`);
}

function enumeration(e: Expr, op: Operator, v: unknown): SQL {
  const values = v as string[];
  if (op === "any_of") return inArray(e as AnyColumn, values);
  return or(isNull(e as AnyColumn), notInArray(e as AnyColumn, values))!;
}

function boolean(e: Expr, op: Operator): SQL {
  return op === "is_true" ? sql`(${e}) is true` : sql`(${e}) is not true`;
}

/** The SQL for one condition on a field with a per-customer value. */
export function standardCondition(field: FieldDef, e: Expr, op: Operator, value: unknown, env: CompileEnv): SQL {
  switch (field.type) {
    case "text":
      return text(e, op, value);
    case "number":
      return number(e, op, value);
    case "date":
      return date(e, op, value, env, field.dateKind ?? "timestamp");
    case "enum":
      return enumeration(e, op, value);
    case "boolean":
      return boolean(e, op);
    default:
      throw new Error(`Field ${field.key} of type ${field.type} needs its own condition`);
  }
}
