import { z } from "zod";
import { MESSAGE_STATUSES, SOURCE_TYPES } from "./types";

/** The outbox list's filters, read from the query string; anything unknown falls back to "all". */
export const outboxFiltersSchema = z.object({
  status: z.enum(MESSAGE_STATUSES).optional().catch(undefined),
  source: z.enum(SOURCE_TYPES).optional().catch(undefined),
  contact: z.uuid().optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  cursor: z.string().max(500).optional().catch(undefined),
});
export type OutboxFilters = z.infer<typeof outboxFiltersSchema>;
