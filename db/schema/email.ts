import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { emailCategoryEnum, emailSourceEnum, emailStatusEnum } from "./enums";
import { organizations } from "./organizations";
import { contacts } from "./customers";
import { users } from "./users";

const orgId = () =>
  uuid("org_id")
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });

export const emailTopics = pgTable(
  "email_topics",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    key: text("key").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("email_topics_org_key_idx").on(t.orgId, t.key)],
);

export const emailTemplates = pgTable(
  "email_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    key: text("key"),
    name: text("name").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    category: emailCategoryEnum("category").notNull(),
    topicKey: text("topic_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("email_templates_org_key_idx")
      .on(t.orgId, t.key)
      .where(sql`${t.key} is not null`),
    index("email_templates_org_name_idx").on(t.orgId, t.name),
  ],
);

export const emailMessages = pgTable(
  "email_messages",
  {
    // Also Resend's idempotency key: a retried hand-over never sends twice.
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    toEmail: text("to_email").notNull(),
    category: emailCategoryEnum("category").notNull(),
    topicKey: text("topic_key"),
    status: emailStatusEnum("status").notNull().default("queued"),
    suppressionReason: text("suppression_reason"),
    failureReason: text("failure_reason"),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
    sourceType: emailSourceEnum("source_type").notNull(),
    sourceId: text("source_id"),
    runId: text("run_id"),
    idempotencyKey: text("idempotency_key").notNull(),
    providerId: text("provider_id"),
    // Set before a batch hand-over: a retry replays exactly that batch under the same idempotency
    // key. Null means single sends, keyed by the message id.
    dispatchKey: text("dispatch_key"),
    attempts: integer("attempts").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("email_messages_org_idem_idx").on(t.orgId, t.idempotencyKey),
    index("email_messages_contact_idx").on(t.orgId, t.contactId, t.createdAt),
    index("email_messages_status_idx").on(t.orgId, t.status, t.createdAt),
    index("email_messages_org_created_idx").on(t.orgId, t.createdAt.desc(), t.id.desc()),
    index("email_messages_provider_idx")
      .on(t.providerId)
      .where(sql`${t.providerId} is not null`),
  ],
);

export const emailEvents = pgTable(
  "email_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    messageId: uuid("message_id").references(() => emailMessages.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("email_events_contact_idx").on(t.orgId, t.contactId, t.type, t.occurredAt),
    index("email_events_message_idx").on(t.messageId),
  ],
);

/** A contact's opt-out from one topic (the global opt-out is contacts.marketing_consent = unsubscribed). */
export const emailTopicOptOuts = pgTable(
  "email_topic_opt_outs",
  {
    orgId: orgId(),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    topicKey: text("topic_key").notNull(),
    messageId: uuid("message_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("email_topic_opt_outs_idx").on(t.orgId, t.contactId, t.topicKey)],
);

/** Addresses that bounced hard or complained: never mailed again by this org (lower-cased). */
export const emailSuppressions = pgTable(
  "email_suppressions",
  {
    orgId: orgId(),
    email: text("email").notNull(),
    reason: text("reason").notNull(),
    messageId: uuid("message_id"),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("email_suppressions_idx").on(t.orgId, t.email, t.reason)],
);

/** Svix message ids already processed: a redelivered webhook records nothing twice. */
export const emailWebhookReceipts = pgTable("email_webhook_receipts", {
  webhookId: text("webhook_id").primaryKey(),
  type: text("type").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});
