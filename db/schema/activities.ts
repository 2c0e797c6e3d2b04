import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { organizations } from "./organizations";
import { users } from "./users";
import { contacts } from "./customers";

/**
 * One customer timeline for every domain. `type` is namespaced ("lead.stage_changed",
 * "interaction.logged", "email.sent", ...) and `data` holds what that type renders, so a new
 * domain adds entries without changing this table.
 */
export const activities = pgTable(
  "activities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "cascade" }),
    // What the entry is about when that is not the contact itself (a lead, an email, a run).
    subjectType: text("subject_type"),
    subjectId: uuid("subject_id"),
    type: text("type").notNull(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    // Who acted when it was not a teammate: "Playbook Win-back (run 1a2b3c)", "API key Billing".
    actorLabel: text("actor_label"),
    // Set for entries only their author may see (private notes): filtered in every query.
    privateToUserId: uuid("private_to_user_id").references(() => users.id, { onDelete: "cascade" }),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("activities_contact_timeline_idx").on(t.orgId, t.contactId, t.occurredAt.desc(), t.id.desc()),
    // Serves the cascade when a contact is deleted or merged (the timeline index leads with org_id).
    index("activities_contact_idx").on(t.contactId),
    index("activities_subject_idx")
      .on(t.orgId, t.subjectType, t.subjectId)
      .where(sql`${t.subjectId} is not null`),
    // Analytics: lifecycle stages over time replay an organisation's stage changes since a date.
    index("activities_lifecycle_idx")
      .on(t.orgId, t.occurredAt)
      .where(sql`${t.type} = 'lifecycle.changed'`),
  ],
);
