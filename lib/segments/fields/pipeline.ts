import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { contacts, leads, pipelineStages } from "@/db/schema";
import { LEAD_STATUSES } from "@/lib/leads/constants";
import type { EventName } from "@/lib/events/catalog";
import type { Operator } from "../operators";
import type { CompileEnv, FieldDef } from "./types";
import { z } from "zod";

const CATEGORY = "Leads";
const LEAD_EVENTS: readonly EventName[] = [
  "crm/lead.stage_changed",
  "crm/lead.won",
  "crm/lead.score_inputs_changed",
  "crm/contact.engaged",
];

/** A customer's leads, through the (org_id, contact_id) index. */
const leadsOf = (env: CompileEnv) => and(eq(leads.orgId, env.orgId), eq(leads.contactId, contacts.id));

function anyLead(column: typeof leads.stageId | typeof leads.status) {
  return (op: Operator, value: unknown, env: CompileEnv) => {
    const match = sql`exists (select 1 from ${leads} where ${leadsOf(env)} and ${inArray(column, value as string[])})`;
    return op === "any_of" ? match : sql`not ${match}`;
  };
}

/**
 * The highest lead score, compared through EXISTS (a semi-join the planner hashes) rather than a
 * max() per customer: "max ≥ v" is "some lead ≥ v", "max < v" is "has a lead and none ≥ v".
 */
function maxScore(op: Operator, value: unknown, env: CompileEnv) {
  const some = (cond?: SQL) =>
    sql`exists (select 1 from ${leads} where ${leadsOf(env)}${cond ? sql` and ${cond}` : sql``})`;
  const none = (cond: SQL) => sql`not ${some(cond)}`;
  const s = leads.score;
  const v = value as number;
  switch (op) {
    case "gte":
      return some(sql`${s} >= ${v}`);
    case "gt":
      return some(sql`${s} > ${v}`);
    case "lt":
      return sql`(${some()} and ${none(sql`${s} >= ${v}`)})`;
    case "lte":
      return sql`(${some()} and ${none(sql`${s} > ${v}`)})`;
    case "eq":
      return sql`(${some(sql`${s} = ${v}`)} and ${none(sql`${s} > ${v}`)})`;
    case "neq":
      return sql`not (${some(sql`${s} = ${v}`)} and ${none(sql`${s} > ${v}`)})`;
    case "between": {
      const [a, b] = value as [number, number];
      return sql`(${some(sql`${s} between ${a} and ${b}`)} and ${none(sql`${s} > ${b}`)})`;
    }
    case "is_empty":
      return sql`not ${some()}`;
  }
  throw new Error(`lead score: ${op}`);
}

/** The open leads' total, as a set of customers (grouped once) rather than a sum per customer. */
function openValue(op: Operator, value: unknown, env: CompileEnv) {
  const total = sql`sum(${leads.value})`;
  const having = (cond: SQL) =>
    sql`${contacts.id} in (select ${leads.contactId} from ${leads} where ${eq(leads.orgId, env.orgId)} and ${leads.status} = 'open' and ${leads.contactId} is not null group by ${leads.contactId} having ${cond})`;
  const v = value as number;
  switch (op) {
    case "gte":
      return having(sql`${total} >= ${v}`);
    case "gt":
      return having(sql`${total} > ${v}`);
    case "lt":
      return having(sql`${total} < ${v}`);
    case "lte":
      return having(sql`${total} <= ${v}`);
    case "eq":
      return having(sql`${total} = ${v}`);
    case "neq":
      return sql`not ${having(sql`${total} = ${v}`)}`;
    case "between": {
      const [a, b] = value as [number, number];
      return having(sql`${total} between ${a} and ${b}`);
    }
    case "is_empty":
      return sql`not ${having(sql`true`)}`;
  }
  throw new Error(`open lead value: ${op}`);
}

export const pipelineFields: readonly FieldDef[] = [
  {
    key: "lead.stage",
    label: "Lead stage",
    category: CATEGORY,
    type: "enum",
    hint: "Any of the customer's leads",
    options: async (ctx) =>
      await ctx.db
        .select({ value: pipelineStages.id, label: pipelineStages.name })
        .from(pipelineStages)
        .where(eq(pipelineStages.orgId, ctx.orgId))
        .orderBy(asc(pipelineStages.position)),
    valueSchema: (op) =>
      op === "any_of" || op === "none_of"
        ? z.array(z.uuid("Choose stages from the list")).min(1, "Choose at least one")
        : null,
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
    valueSchema: (op) =>
      op === "any_of" || op === "none_of"
        ? z.array(z.enum(LEAD_STATUSES, "Choose from the list")).min(1, "Choose at least one")
        : null,
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
    condition: maxScore,
  },
  {
    key: "lead.value",
    label: "Open lead value",
    category: CATEGORY,
    type: "number",
    unit: "money",
    hint: "The total value of the customer's open leads; empty without one",
    dependsOn: LEAD_EVENTS,
    condition: openValue,
  },
  {
    key: "contact.lifetime_value",
    label: "Lifetime value",
    category: "Customer",
    type: "number",
    unit: "money",
    hint: "Total spent plus the value of won leads",
    dependsOn: [...LEAD_EVENTS, "crm/contact.updated"],
    expr: (env) =>
      sql`(${contacts.totalSpentMinor} + coalesce((select sum(${leads.value}) from ${leads} where ${leadsOf(env)} and ${leads.status} = 'won'), 0))`,
  },
];
