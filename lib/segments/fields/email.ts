import { byPerson } from "@/lib/email/human-engagement";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { contacts, emailEvents, emailTopicOptOuts, emailTopics } from "@/db/schema";
import type { EventName } from "@/lib/events/catalog";
import type { Operator } from "../operators";
import type { CompileEnv, FieldDef } from "./types";

const ENGAGEMENT = "Email";
const CONSENT = "Consent";
// Preference changes: opt-outs announce themselves; re-subscribing and do-not-contact emit contact.updated.
const PREFERENCE_EVENTS: readonly EventName[] = ["crm/contact.unsubscribed", "crm/contact.updated"];

/**
 * The customer's latest email event of one type, read through the (org_id, contact_id, type,
 * occurred_at) index: one index probe per customer. "Within the last N days" on it is "opened
 * (or clicked) any email within the last N days"; empty means never. Machine opens and clicks never count.
 */
const lastEvent = (type: "opened" | "clicked") => (env: CompileEnv) =>
  sql`(select max(${emailEvents.occurredAt}) from ${emailEvents} where ${emailEvents.orgId} = ${env.orgId} and ${emailEvents.contactId} = ${contacts.id} and ${emailEvents.type} = ${type} and ${byPerson})`;

const optedOut = (env: CompileEnv, topicKeys?: string[]) =>
  sql`select ${emailTopicOptOuts.contactId} from ${emailTopicOptOuts} where ${and(eq(emailTopicOptOuts.orgId, env.orgId), topicKeys ? inArray(emailTopicOptOuts.topicKey, topicKeys) : undefined)}`;

function topicCondition(op: Operator, value: unknown, env: CompileEnv) {
  const keys = value as string[];
  return op === "any_of"
    ? sql`${contacts.id} in (${optedOut(env, keys)})`
    : sql`${contacts.id} not in (${optedOut(env, keys)})`;
}

export const emailFields: readonly FieldDef[] = [
  {
    key: "email.last_opened_at",
    label: "Last opened an email",
    category: ENGAGEMENT,
    type: "date",
    hint: "“Within the last N days” finds who opened any email lately; empty means never",
    dependsOn: ["crm/email.opened"],
    expr: lastEvent("opened"),
  },
  {
    key: "email.last_clicked_at",
    label: "Last clicked an email",
    category: ENGAGEMENT,
    type: "date",
    hint: "“Within the last N days” finds who clicked a link in any email lately; empty means never",
    dependsOn: ["crm/email.clicked"],
    expr: lastEvent("clicked"),
  },
  {
    key: "email.topic_opt_out",
    label: "Unsubscribed from topic",
    category: CONSENT,
    type: "enum",
    options: async (ctx) =>
      ctx.db
        .select({ value: emailTopics.key, label: emailTopics.name })
        .from(emailTopics)
        .where(eq(emailTopics.orgId, ctx.orgId))
        .orderBy(asc(emailTopics.name)),
    valueSchema: (op) =>
      op === "any_of" || op === "none_of"
        ? z
            .array(z.string().trim().min(1, "Choose from the list").max(100))
            .min(1, "Choose at least one topic")
            .max(100)
        : null,
    dependsOn: PREFERENCE_EVENTS,
    condition: topicCondition,
  },
  {
    key: "email.any_topic_opt_out",
    label: "Unsubscribed from any topic",
    category: CONSENT,
    type: "boolean",
    dependsOn: PREFERENCE_EVENTS,
    expr: (env) => sql`exists (${optedOut(env)} and ${emailTopicOptOuts.contactId} = ${contacts.id})`,
  },
  {
    key: "contact.do_not_contact",
    label: "Do not contact",
    category: CONSENT,
    type: "boolean",
    dependsOn: PREFERENCE_EVENTS,
    expr: () => contacts.doNotContact,
  },
];
