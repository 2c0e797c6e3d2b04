import { z } from "zod";
import { LIFECYCLE_STAGES } from "../contacts/lifecycle";

/**
 * Every event Tend emits, with the shape of its data. Each domain adds its own entries here;
 * Inngest functions read the same schemas. All carry orgId so consumers stay tenant-scoped.
 */
const withOrg = { orgId: z.uuid() };

export const EVENT_SCHEMAS = {
  "crm/organization.created": z.object({ ...withOrg, ownerId: z.uuid() }),
  "crm/lead.stage_changed": z.object({
    ...withOrg,
    leadId: z.uuid(),
    fromStageId: z.uuid(),
    toStageId: z.uuid(),
    toStageName: z.string(),
    status: z.enum(["open", "won", "lost"]),
    actorId: z.uuid().nullable(),
    contactId: z.uuid().nullable(),
  }),
  "crm/lead.won": z.object({ ...withOrg, leadId: z.uuid(), value: z.number().int(), contactId: z.uuid().nullable(), ownerId: z.uuid().nullable() }),
  // A lead's fit inputs or manual adjustment changed (leadId), or the org's scoring rules did (no leadId).
  "crm/lead.score_inputs_changed": z.object({ ...withOrg, leadId: z.uuid().optional() }),
  // Any domain that records engagement for a contact (email opened/clicked, interaction, event) emits this.
  "crm/contact.engaged": z.object({ ...withOrg, contactId: z.uuid(), type: z.string() }),
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
