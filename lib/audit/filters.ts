import { z } from "zod";
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, type AuditAction } from "./actions";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-12-31")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "Use a real date");
const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

/**
 * The audit log's filters, as the page's URL carries them. Client-safe. Dates are calendar days in
 * the organisation's time zone; `to` includes its whole day.
 */
export const auditFiltersSchema = z
  .object({
    actor: z.preprocess(
      blank,
      z
        .string()
        .regex(/^(user|api_key|system):[\w-]+$/, "Choose someone from the list")
        .optional(),
    ),
    action: z.preprocess(
      blank,
      z
        .string()
        .refine((v): v is AuditAction => Object.hasOwn(AUDIT_ACTIONS, v), "Choose an action from the list")
        .optional(),
    ),
    targetType: z.preprocess(blank, z.enum(AUDIT_TARGET_TYPES, "Choose a kind of record from the list").optional()),
    targetId: z.preprocess(blank, z.uuid("That record id is not valid").optional()),
    from: z.preprocess(blank, day.optional()),
    to: z.preprocess(blank, day.optional()),
    cursor: z.preprocess(blank, z.string().max(200).optional()),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "The start comes after the end", path: ["to"] });
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

/** The filters as search params (for links, the CSV export and the next page). */
export function auditFiltersQuery(f: Partial<AuditFilters>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : "";
}
