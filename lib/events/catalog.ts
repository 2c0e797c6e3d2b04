import { z } from "zod";

/**
 * Every event Tend emits, with the shape of its data. Each domain adds its own entries here;
 * Inngest functions read the same schemas. All carry orgId so consumers stay tenant-scoped.
 */
const withOrg = { orgId: z.uuid() };

export const EVENT_SCHEMAS = {
  "crm/organization.created": z.object({ ...withOrg, ownerId: z.uuid() }),
} as const;

export type EventName = keyof typeof EVENT_SCHEMAS;
export type EventData<N extends EventName> = z.infer<(typeof EVENT_SCHEMAS)[N]>;
