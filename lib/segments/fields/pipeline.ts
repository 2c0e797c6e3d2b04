import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { contacts, leads, pipelineStages } from "@/db/schema";
import { LEAD_STATUSES } from "@/lib/pipeline/constants";
import type { EventName } from "@/lib/events/catalog";
import type { Operator } from "../operators";
import type { CompileEnv, FieldDef } from "./types";
import { z } from "zod";

const CATEGORY = "Leads";
const LEAD_EVENTS: readonly EventName[] = ["crm/lead.stage_changed", "crm/lead.won", "crm/lead.score_inputs_changed", "crm/contact.engaged"];

/** A customer's leads, through the (org_id, contact_id) index. */
const leadsOf = (env: CompileEnv) => and(eq(leads.orgId, env.orgId), eq(leads.contactId, contacts.id));

function anyLead(column: typeof leads.stageId | typeof leads.status) {
  return (op: Operator, value: unknown, env: CompileEnv) => {
    const match = sql`exists (select 1 from ${leads} where ${leadsOf(env)} and ${inArray(column, value as string[])})`;
    return op === "any_of" ? match : sql`not ${match}`;
  };
}

export const pipelineFields: readonly FieldDef[] = [
  {
    key: "lead.stage",
    label: "Lead stage",
    category: CATEGORY,
    type: "enum",
    hint: "Any of the customer's leads",
    options: async (ctx) =>
      (await ctx.db.select({ value: pipelineStages.id, label: pipelineStages.name }).from(pipelineStages).where(eq(pipelineStages.orgId, ctx.orgId)).orderBy(asc(pipelineStages.position))),
    valueSchema: (op) => (op === "any_of" || op === "none_of" ? z.array(z.uuid("Choose stages from the list")).min(1, "Choose at least one") : null),
    dependsOn: LEAD_EVENTS,
    condition: anyLead(leads.stageId),
  },
  {
    key: "lead.status",
    label: "Lead status",
    category: CATEGORY,
    type: "enum",
    hint: "Any of the customer's leads",
    options: LEAD_STATUSES.map((s) => ({ value: s, label: s[0]!.toUpperCase() + s.slice(1) })),
    valueSchema: (op) => (op === "any_of" || op === "none_of" ? z.array(z.enum(LEAD_STATUSES, "Choose from the list")).min(1, "Choose at least one") : null),
    dependsOn: LEAD_EVENTS,
    condition: anyLead(leads.status),
  },
  {
    key: "lead.score",
    label: "Lead score",
    category: CATEGORY,
    type: "number",
    hint: "The highest score of the customer's leads; empty without a lead",
    dependsOn: LEAD_EVENTS,
    expr: (env) => sql`(select max(${leads.score}) from ${leads} where ${leadsOf(env)})`,
  },
  {
    key: "lead.value",
    label: "Open lead value",
    category: CATEGORY,
    type: "number",
    unit: "money",
    hint: "The total value of the customer's open leads; empty without one",
    dependsOn: LEAD_EVENTS,
    expr: (env) => sql`(select sum(${leads.value}) from ${leads} where ${leadsOf(env)} and ${leads.status} = 'open')`,
  },
  {
    key: "contact.lifetime_value",
    label: "Lifetime value",
    category: "Customer",
    type: "number",
    unit: "money",
    hint: "Total spent plus the value of won leads",
    dependsOn: [...LEAD_EVENTS, "crm/contact.updated"],
    expr: (env) => sql`(${contacts.totalSpentMinor} + coalesce((select sum(${leads.value}) from ${leads} where ${leadsOf(env)} and ${leads.status} = 'won'), 0))`,
  },
];
