import { z } from "zod";
import { LIFECYCLE_STAGES } from "../customers/lifecycle";
import { CONTACT_EVENT_SCHEMAS } from "./domain-events";

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
  "crm/lead.won": z.object({
    ...withOrg,
    leadId: z.uuid(),
    value: z.number().int(),
    contactId: z.uuid().nullable(),
    ownerId: z.uuid().nullable(),
  }),
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
  // From the lifecycle sweep (stage at_risk/churned) or the playbooks' daily inactivity detector (the contact's current stage).
  "crm/contact.inactive": z.object({
    ...withOrg,
    contactId: z.uuid(),
    stage: z.enum(LIFECYCLE_STAGES),
    daysSinceLastVisit: z.number().int().nullable(),
  }),
  "crm/contacts.import_requested": z.object({ ...withOrg, importId: z.uuid() }),
  // A customer was created by a person or the API (not by a bulk import: that would flood playbooks).
  "crm/contact.created": z.object({
    ...withOrg,
    contactId: z.uuid(),
    source: z.enum(["app", "api"]),
    actorId: z.uuid().nullable(),
  }),
  "crm/tag.added": z.object({
    ...withOrg,
    contactId: z.uuid(),
    tagId: z.uuid(),
    tagName: z.string(),
    actorId: z.uuid().nullable(),
  }),
  // topicKey null = unsubscribed from all marketing email.
  "crm/contact.unsubscribed": z.object({
    ...withOrg,
    contactId: z.uuid(),
    topicKey: z.string().nullable(),
    messageId: z.uuid().nullable(),
  }),
  "crm/email.opened": z.object({ ...withOrg, contactId: z.uuid(), messageId: z.uuid() }),
  "crm/email.clicked": z.object({ ...withOrg, contactId: z.uuid(), messageId: z.uuid(), url: z.string() }),
  // A customer's own fields changed outside the events above (details form, bulk tag/untag/assign).
  "crm/contact.updated": z.object({
    ...withOrg,
    contactIds: z.array(z.uuid()).min(1).max(500),
    actorId: z.uuid().nullable(),
  }),
  // Membership of a dynamic segment changed on a refresh, or a static one was edited by hand.
  "crm/segment.entered": z.object({ ...withOrg, segmentId: z.uuid(), contactId: z.uuid() }),
  "crm/segment.exited": z.object({ ...withOrg, segmentId: z.uuid(), contactId: z.uuid() }),
  // A playbook run was created (by a trigger event or manual enrolment): the runner picks it up.
  "crm/playbook_run.started": z.object({
    ...withOrg,
    runId: z.uuid(),
    playbookId: z.uuid(),
    contactId: z.uuid(),
    marketing: z.boolean(),
  }),
  // A run ended outside the runner (owner cancel, exit event, unsubscribe): the runner stops.
  "crm/playbook_run.ended": z.object({ ...withOrg, runId: z.uuid(), reason: z.string() }),
  // The runner finished a run (last step or an exit step): segments on playbook participation follow.
  "crm/playbook_run.completed": z.object({ ...withOrg, runId: z.uuid(), playbookId: z.uuid(), contactId: z.uuid() }),
  // A discount code from a playbook was redeemed through the API.
  "crm/discount.redeemed": z.object({
    ...withOrg,
    codeId: z.uuid(),
    contactId: z.uuid().nullable(),
    runId: z.uuid().nullable(),
    orderValueMinor: z.number().int(),
  }),
  // An owner scheduled a campaign (or sent it now): its send function starts, and sleeps until due.
  "crm/campaign.started": z.object({ ...withOrg, campaignId: z.uuid() }),
  // An owner resumed a paused campaign: a send function waiting on it goes on.
  "crm/campaign.resumed": z.object({ ...withOrg, campaignId: z.uuid() }),
  // An owner cancelled a campaign: its send function stops, even while it sleeps.
  "crm/campaign.cancelled": z.object({ ...withOrg, campaignId: z.uuid() }),
  ...CONTACT_EVENT_SCHEMAS,
} as const;

export type EventName = keyof typeof EVENT_SCHEMAS;
export type EventData<N extends EventName> = z.infer<(typeof EVENT_SCHEMAS)[N]>;
