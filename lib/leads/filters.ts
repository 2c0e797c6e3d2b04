import { z } from "zod";
import { LEAD_SOURCES } from "./constants";

/** Board and list filters, as kept in the URL. Unreadable values are dropped, never fatal. */
export const leadFiltersSchema = z.object({
  owner: z
    .union([z.literal("me"), z.literal("unassigned"), z.uuid()])
    .optional()
    .catch(undefined),
  scoreMin: z.coerce.number().int().min(0).max(100).optional().catch(undefined),
  scoreMax: z.coerce.number().int().min(0).max(100).optional().catch(undefined),
  valueMin: z.coerce.number().min(0).optional().catch(undefined),
  valueMax: z.coerce.number().min(0).optional().catch(undefined),
  source: z.enum(LEAD_SOURCES).optional().catch(undefined),
  tag: z.uuid().optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
});
export type LeadFilters = z.output<typeof leadFiltersSchema>;

export const FILTER_KEYS = Object.keys(leadFiltersSchema.shape) as (keyof LeadFilters)[];

export function parseFilters(params: Record<string, string | string[] | undefined>): LeadFilters {
  const flat: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const v = params[key];
    const s = Array.isArray(v) ? v[0] : v;
    if (s !== undefined && s !== "") flat[key] = s;
  }
  return leadFiltersSchema.parse(flat);
}

export function filtersToQuery(filters: LeadFilters): string {
  const p = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = filters[key];
    if (v !== undefined && v !== "") p.set(key, String(v));
  }
  return p.toString();
}
