import type { Ctx } from "@/lib/context";
import type { EventName } from "@/lib/events/catalog";
import { FIELD_SOURCES } from "./fields";
import type { FieldDef, FieldInfo } from "./fields/types";

let byKey: Map<string, FieldDef> | undefined;

function index(): Map<string, FieldDef> {
  if (!byKey) {
    byKey = new Map();
    for (const def of FIELD_SOURCES.flat()) {
      if (byKey.has(def.key)) throw new Error(`Segment field "${def.key}" is registered twice`);
      byKey.set(def.key, def);
    }
  }
  return byKey;
}

export function getField(key: string): FieldDef | undefined {
  return index().get(key);
}

export function allFields(): FieldDef[] {
  return [...index().values()];
}

/** Events after which some segment may need recomputing (the refresh function's triggers). */
export function dependencyEvents(): EventName[] {
  return [...new Set(allFields().flatMap((f) => f.dependsOn))].sort();
}

/** The field list for the builder, with each organisation's own options (tags, stages, zones). */
export async function fieldCatalog(ctx: Ctx): Promise<FieldInfo[]> {
  return Promise.all(
    allFields().map(async (f) => ({
      key: f.key,
      label: f.label,
      category: f.category,
      type: f.type,
      unit: f.unit,
      hint: f.hint,
      options: typeof f.options === "function" ? await f.options(ctx) : f.options ? [...f.options] : undefined,
    })),
  );
}
