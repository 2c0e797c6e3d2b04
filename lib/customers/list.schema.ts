import { z } from "zod";
import { LIFECYCLE_STAGES } from "./lifecycle";

export const SORTS = ["name", "recent", "last_seen", "spent"] as const;
export const LAST_SEEN = ["7d", "30d", "90d", "over_90d", "never"] as const;
export const LIST_COLUMNS = ["email", "phone", "company", "stage", "owner", "tags", "last_seen", "spent"] as const;
export type ListColumn = (typeof LIST_COLUMNS)[number];
export const DEFAULT_COLUMNS: ListColumn[] = ["email", "company", "stage", "owner", "tags", "last_seen"];

const many = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : String(v).split(",")),
    z.array(item).catch([]),
  );

/** The list's filters as they travel in the URL; bad values fall back to "no filter" rather than erroring. */
export const listFiltersSchema = z.object({
  q: z.string().trim().max(100).catch("").default(""),
  tags: many(z.uuid()),
  stage: many(z.enum(LIFECYCLE_STAGES)),
  owner: z
    .union([z.uuid(), z.literal("none"), z.literal("me"), z.literal("")])
    .catch("")
    .default(""),
  seen: z
    .union([z.enum(LAST_SEEN), z.literal("")])
    .catch("")
    .default(""),
  sort: z.enum(SORTS).catch("name").default("name"),
  cursor: z.string().max(500).optional().catch(undefined),
});
export type ListFilters = z.output<typeof listFiltersSchema>;

export function parseListFilters(params: Record<string, string | string[] | undefined>): ListFilters {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : v]));
  return listFiltersSchema.parse(flat);
}
