import { and, asc, eq, inArray, isNotNull, sql, type AnyColumn } from "drizzle-orm";
import { z } from "zod";
import { contactTags, contacts, users } from "@/db/schema";
import { listTags } from "@/lib/customers/tags";
import { CONSENT_LABELS, CONSENT_STATUSES, CONTACT_METHOD_LABELS, CONTACT_METHODS } from "@/lib/customers/constants";
import { LIFECYCLE_LABELS, LIFECYCLE_STAGES } from "@/lib/customers/lifecycle";
import type { EventName } from "@/lib/events/catalog";
import type { Operator } from "../operators";
import type { CompileEnv, FieldDef } from "./types";

const CATEGORY = "Customer";
const DAY = 86_400_000;
// Contact rows change on these; direct edits are caught by the scheduled refresh.
const CONTACT_EVENTS: readonly EventName[] = [
  "crm/contact.created",
  "crm/contact.lifecycle_changed",
  "crm/contact.engaged",
  "crm/contact.updated",
];

const text = (key: string, label: string, column: AnyColumn): FieldDef => ({
  key: `contact.${key}`,
  label,
  category: CATEGORY,
  type: "text",
  dependsOn: CONTACT_EVENTS,
  expr: () => column,
});
const options = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((value) => ({ value, label: labels[value] }));
const enumIn =
  <T extends string>(values: readonly T[]) =>
  (op: Operator) =>
    op === "any_of" || op === "none_of"
      ? z.array(z.enum(values as [T, ...T[]], "Choose from the list")).min(1, "Choose at least one")
      : null;

/** "Days since last visit" compared on last_visit_at itself, so no per-row arithmetic. days ≥ k ⇔ visited at or before now − k days. */
function daysSince(op: Operator, value: unknown, env: CompileEnv) {
  const col = contacts.lastVisitAt;
  const ago = (k: number) => new Date(env.now.getTime() - k * DAY).toISOString();
  const atLeast = (k: number) => sql`${col} <= ${ago(k)}::timestamptz`;
  const atMost = (k: number) => sql`${col} > ${ago(k + 1)}::timestamptz`;
  const k = value as number;
  switch (op) {
    case "gte":
      return atLeast(k);
    case "gt":
      return atLeast(k + 1);
    case "lte":
      return atMost(k);
    case "lt":
      return atMost(k - 1);
    case "eq":
      return sql`(${atLeast(k)} and ${atMost(k)})`;
    case "neq":
      return sql`(${col} is null or not (${atLeast(k)} and ${atMost(k)}))`;
    case "between": {
      const [a, b] = value as [number, number];
      return sql`(${atLeast(a)} and ${atMost(b)})`;
    }
    case "is_empty":
      return sql`${col} is null`;
  }
  throw new Error(`days since last visit: ${op}`);
}

function tagCondition(op: Operator, value: unknown, env: CompileEnv) {
  const ids = value as string[];
  const having = sql`select ${contactTags.contactId} from ${contactTags} where ${contactTags.orgId} = ${env.orgId} and ${inArray(contactTags.tagId, ids)}`;
  if (op === "has_any") return sql`${contacts.id} in (${having})`;
  if (op === "has_none") return sql`${contacts.id} not in (${having})`;
  return sql`${contacts.id} in (${having} group by ${contactTags.contactId} having count(*) = ${new Set(ids).size})`;
}

export const contactFields: readonly FieldDef[] = [
  text("first_name", "First name", contacts.firstName),
  text("last_name", "Last name", contacts.lastName),
  text("email", "Email", contacts.email),
  text("phone", "Phone", contacts.phone),
  text("company", "Company", contacts.company),
  text("job_title", "Job title", contacts.jobTitle),
  text("city", "City", contacts.city),
  text("country", "Country", contacts.country),
  text("preferred_language", "Preferred language", contacts.preferredLanguage),
  text("referral_source", "Referral source", contacts.referralSource),
  {
    key: "contact.has_email",
    label: "Has an email address",
    category: CATEGORY,
    type: "boolean",
    dependsOn: CONTACT_EVENTS,
    expr: () => isNotNull(contacts.email),
  },
  {
    key: "contact.lifecycle_stage",
    label: "Lifecycle stage",
    category: CATEGORY,
    type: "enum",
    options: options(LIFECYCLE_STAGES, LIFECYCLE_LABELS),
    valueSchema: enumIn(LIFECYCLE_STAGES),
    dependsOn: CONTACT_EVENTS,
    expr: () => contacts.lifecycleStage,
  },
  {
    key: "contact.tags",
    label: "Tags",
    category: CATEGORY,
    type: "tags",
    options: async (ctx) => (await listTags(ctx)).map((t) => ({ value: t.id, label: t.name })),
    dependsOn: [...CONTACT_EVENTS, "crm/tag.added"],
    condition: tagCondition,
  },
  {
    key: "contact.owner",
    label: "Owner",
    category: CATEGORY,
    type: "enum",
    options: async (ctx) =>
      await ctx.db
        .select({ value: users.id, label: users.name })
        .from(users)
        .where(eq(users.orgId, ctx.orgId))
        .orderBy(asc(users.name)),
    valueSchema: (op) =>
      op === "any_of" || op === "none_of"
        ? z.array(z.uuid("Choose from the list")).min(1, "Choose at least one")
        : null,
    dependsOn: CONTACT_EVENTS,
    expr: () => contacts.ownerId,
  },
  {
    key: "contact.total_visits",
    label: "Total visits",
    category: CATEGORY,
    type: "number",
    dependsOn: CONTACT_EVENTS,
    expr: () => contacts.totalVisits,
  },
  {
    key: "contact.total_spent",
    label: "Total spent",
    category: CATEGORY,
    type: "number",
    unit: "money",
    dependsOn: CONTACT_EVENTS,
    expr: () => contacts.totalSpentMinor,
  },
  {
    key: "contact.days_since_last_visit",
    label: "Days since last visit",
    category: CATEGORY,
    type: "number",
    unit: "days",
    hint: "Empty when they never visited",
    timeRelative: true,
    dependsOn: CONTACT_EVENTS,
    condition: daysSince,
  },
  {
    key: "contact.last_visit_at",
    label: "Last visit",
    category: CATEGORY,
    type: "date",
    dependsOn: CONTACT_EVENTS,
    expr: () => contacts.lastVisitAt,
  },
  {
    key: "contact.first_visit_at",
    label: "First visit",
    category: CATEGORY,
    type: "date",
    dependsOn: CONTACT_EVENTS,
    expr: () => contacts.firstVisitAt,
  },
  {
    key: "contact.last_seen_at",
    label: "Last seen",
    category: CATEGORY,
    type: "date",
    dependsOn: CONTACT_EVENTS,
    expr: () => contacts.lastSeenAt,
  },
  {
    key: "contact.created_at",
    label: "Customer since",
    category: CATEGORY,
    type: "date",
    dependsOn: CONTACT_EVENTS,
    expr: () => contacts.createdAt,
  },
  {
    key: "contact.birthday",
    label: "Birthday",
    category: CATEGORY,
    type: "date",
    dateKind: "date",
    dependsOn: CONTACT_EVENTS,
    expr: () => contacts.birthday,
  },
  {
    key: "contact.marketing_consent",
    label: "Marketing consent",
    category: "Consent",
    type: "enum",
    options: options(CONSENT_STATUSES, CONSENT_LABELS),
    valueSchema: enumIn(CONSENT_STATUSES),
    dependsOn: [...CONTACT_EVENTS, "crm/contact.unsubscribed"],
    expr: () => contacts.marketingConsent,
  },
  {
    key: "contact.preferred_contact_method",
    label: "Preferred contact method",
    category: CATEGORY,
    type: "enum",
    options: options(CONTACT_METHODS, CONTACT_METHOD_LABELS),
    valueSchema: enumIn(CONTACT_METHODS),
    dependsOn: CONTACT_EVENTS,
    expr: () => contacts.preferredContactMethod,
  },
  {
    key: "contact.time_zone",
    label: "Time zone",
    category: CATEGORY,
    type: "enum",
    // The zones this organisation's customers are in, not all 400 of them.
    options: async (ctx) =>
      (
        await ctx.db
          .selectDistinct({ zone: contacts.timeZone })
          .from(contacts)
          .where(and(eq(contacts.orgId, ctx.orgId), isNotNull(contacts.timeZone)))
          .orderBy(asc(contacts.timeZone))
          .limit(200)
      ).map((r) => ({ value: r.zone!, label: r.zone! })),
    dependsOn: CONTACT_EVENTS,
    expr: () => contacts.timeZone,
  },
];
