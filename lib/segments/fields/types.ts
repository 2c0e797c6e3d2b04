import type { AnyColumn, SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Ctx } from "@/lib/context";
import type { EventName } from "@/lib/events/catalog";
import type { FieldType, Operator } from "../operators";

/** What a compiled condition may depend on besides the criteria: who, when and where. */
export type CompileEnv = { orgId: string; now: Date; timeZone: string };

export type FieldOption = { value: string; label: string };

/** What the builder needs to show a field (serialisable, sent to the browser). */
export type FieldInfo = {
  key: string;
  label: string;
  category: string;
  type: FieldType;
  unit?: "money" | "days";
  options?: FieldOption[];
  hint?: string;
};

/**
 * One field a segment can filter on. A domain registers its fields in a file under
 * lib/segments/fields/ and lists it in fields/index.ts. Either `expr` (one value per customer,
 * the standard operators apply) or `condition` (anything else: tags, related rows) is given.
 * Values always reach SQL as parameters.
 */
export type FieldDef = Omit<FieldInfo, "options"> & {
  options?: readonly FieldOption[] | ((ctx: Ctx) => Promise<FieldOption[]>);
  // Any of these events may change who matches: membership is refreshed when one arrives.
  dependsOn: readonly EventName[];
  // The value moves with the clock alone (e.g. "days since last visit").
  timeRelative?: boolean;
  // For date fields: a `date` column compares calendar dates; a timestamp compares instants in the org's zone.
  dateKind?: "timestamp" | "date";
  expr?: (env: CompileEnv) => SQL | AnyColumn;
  condition?: (op: Operator, value: unknown, env: CompileEnv) => SQL;
  // Overrides the value schema the type would give (e.g. enum values not known statically).
  valueSchema?: (op: Operator) => z.ZodType | null;
};
