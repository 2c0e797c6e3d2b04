import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { users } from "./users";

// Who changed what in the organisation; written by lib/audit in the same transaction as the change.
export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** user | api_key | system */
    actorKind: text("actor_kind").notNull().default("user"),
    /** The teammate, when a person did it. */
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** One filterable key for any actor: "user:<id>", "api_key:<id>", "system:<job>". */
    actorKey: text("actor_key").notNull(),
    /** What the log shows for the actor, as it was then ("Olivia Owner", "Playbook Win-back (run 1a2b…)"). */
    actorLabel: text("actor_label").notNull().default(""),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: uuid("target_id"),
    targetLabel: text("target_label").notNull().default(""),
    /** The changed fields only, secrets redacted. */
    before: jsonb("before").$type<Record<string, unknown>>(),
    after: jsonb("after").$type<Record<string, unknown>>(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_events_org_idx").on(t.orgId, t.createdAt.desc(), t.id.desc()),
    index("audit_events_actor_idx").on(t.orgId, t.actorKey, t.createdAt.desc(), t.id.desc()),
    index("audit_events_action_idx").on(t.orgId, t.action, t.createdAt.desc(), t.id.desc()),
    index("audit_events_target_idx").on(t.orgId, t.targetType, t.targetId, t.createdAt.desc(), t.id.desc()),
  ],
);

// Facts about this installation, such as whether the demo workspace was ever created.
export const appMeta = pgTable("app_meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
