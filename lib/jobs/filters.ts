import "server-only";
import { z } from "zod";
import { RUN_STATUSES } from "@/db/schema/executor";

export const RUN_WINDOWS = {
  "1h": 3_600_000,
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
  "30d": 30 * 86_400_000,
} as const;

/** The runs list's filters, read from the query string; anything unknown falls back to "all". */
export const runFiltersSchema = z.object({
  fn: z.string().max(300).optional().catch(undefined),
  status: z.enum(RUN_STATUSES).optional().catch(undefined),
  since: z
    .enum(Object.keys(RUN_WINDOWS) as [keyof typeof RUN_WINDOWS, ...(keyof typeof RUN_WINDOWS)[]])
    .optional()
    .catch(undefined),
  before: z.iso.datetime().optional().catch(undefined),
});
export type RunFilters = z.infer<typeof runFiltersSchema>;

export const runIdSchema = z.object({ runId: z.uuid("runId: not a run id") });
