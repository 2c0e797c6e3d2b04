import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { users } from "./users";
import { contacts } from "./customers";

/**
 * Per-organisation keys for the public API. Only a sha256 of the key is kept: the key itself is
 * shown once, at creation. `prefix` is its first characters, enough to tell keys apart in a list.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_keys_hash_idx").on(t.keyHash), index("api_keys_org_idx").on(t.orgId, t.createdAt)],
);

/** Events received through `POST /api/v1/events`, one per (org, caller's id): a repeat answers from here. */
export const apiEvents = pgTable(
  "api_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    sourceEventId: text("source_event_id").notNull(),
    name: text("name").notNull(),
    apiKeyId: uuid("api_key_id").references(() => apiKeys.id, { onDelete: "set null" }),
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    status: text("status").notNull(),
    response: jsonb("response").$type<Record<string, unknown>>().notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    /** sha256 of the event as received (canonical JSON): a reused id with another body is refused. */
    requestHash: text("request_hash"),
  },
  (t) => [
    uniqueIndex("api_events_org_source_idx").on(t.orgId, t.sourceEventId),
    // A customer's events over a period (campaign conversions: payments after a click).
    index("api_events_contact_idx").on(t.orgId, t.contactId, t.occurredAt),
  ],
);
