import { z } from "zod";
import { LIFECYCLE_STAGES } from "../contacts/lifecycle";

/**
 * Every event Tend emits, with the shape of its data. Each domain adds its own entries here;
 * Inngest functions read the same schemas. All carry orgId so consumers stay tenant-scoped.
 */
const withOrg = { orgId: z.uuid() };

export const EVENT_SCHEMAS = {
  "crm/organization.created": z.object({ ...withOrg, ownerId: z.uuid() }),
  "crm/contact.lifecycle_changed": z.object({
    ...withOrg,
    contactId: z.uuid(),
    from: z.enum(LIFECYCLE_STAGES),
    to: z.enum(LIFECYCLE_STAGES),
    reason: z.string(),
    actorId: z.uuid().nullable(),
  }),
  "crm/contact.inactive": z.object({ ...withOrg, contactId: z.uuid(), stage: z.enum(["at_risk", "churned"]), daysSinceLastVisit: z.number().int().nullable() }),
  "crm/contacts.import_requested": z.object({ ...withOrg, importId: z.uuid() }),
} as const;

export type EventName = keyof typeof EVENT_SCHEMAS;
export type EventData<N extends EventName> = z.infer<(typeof EVENT_SCHEMAS)[N]>;
