import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import {
  DISCOUNT_KINDS,
  PLAYBOOK_STATUSES,
  REENTRY_RULES,
  RUN_LOG_STATUSES,
  RUN_STATUSES,
} from "@/lib/playbooks/constants";
import type { ExitEvent } from "@/lib/playbooks/playbook.schema";
import type { Graph } from "@/lib/playbooks/graph.schema";
import { organizations } from "./organizations";
import { users } from "./users";
import { contacts } from "./customers";
import { segments } from "./segments";

export const playbookStatusEnum = pgEnum("playbook_status", PLAYBOOK_STATUSES);
export const reentryRuleEnum = pgEnum("playbook_reentry", REENTRY_RULES);
export const playbookRunStatusEnum = pgEnum("playbook_run_status", RUN_STATUSES);
export const runLogStatusEnum = pgEnum("playbook_run_log_status", RUN_LOG_STATUSES);
export const discountKindEnum = pgEnum("discount_kind", DISCOUNT_KINDS);

export const playbooks = pgTable(
  "playbooks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    // The built-in playbooks carry a key (payment_failed_rescue …) so installing twice is a no-op.
    key: text("key"),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    trigger: text("trigger").notNull(),
    // For the "entered segment" trigger: which segment. Deleting it is refused while this is set.
    triggerSegmentId: uuid("trigger_segment_id").references(() => segments.id),
    // Marketing playbooks stop when the customer unsubscribes; transactional ones (payment rescue) do not.
    marketing: boolean("marketing").notNull().default(true),
    status: playbookStatusEnum("status").notNull().default("draft"),
    reentry: reentryRuleEnum("reentry").notNull().default("never"),
    reentryDays: integer("reentry_days"),
    exitEvents: jsonb("exit_events").$type<ExitEvent[]>().notNull().default([]),
    currentVersionId: uuid("current_version_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("playbooks_org_key_idx")
      .on(t.orgId, t.key)
      .where(sql`${t.key} is not null`),
    index("playbooks_org_trigger_idx").on(t.orgId, t.trigger, t.status),
  ],
);

/** Immutable once published. At most one draft (publishedAt null) per playbook. */
export const playbookVersions = pgTable(
  "playbook_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    playbookId: uuid("playbook_id")
      .notNull()
      .references(() => playbooks.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    graph: jsonb("graph").$type<Graph>().notNull(),
    note: text("note").notNull().default(""),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    // The draft's edit count: a save names the revision it started from and is refused if another landed since.
    revision: integer("revision").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("playbook_versions_number_idx").on(t.playbookId, t.number),
    uniqueIndex("playbook_versions_one_draft_idx")
      .on(t.playbookId)
      .where(sql`${t.publishedAt} is null`),
  ],
);

export const playbookRuns = pgTable(
  "playbook_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    playbookId: uuid("playbook_id")
      .notNull()
      .references(() => playbooks.id, { onDelete: "cascade" }),
    versionId: uuid("version_id")
      .notNull()
      .references(() => playbookVersions.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    status: playbookRunStatusEnum("status").notNull().default("active"),
    // The event (or manual enrolment) that started it: the same event twice makes one run.
    triggerKey: text("trigger_key").notNull(),
    triggerData: jsonb("trigger_data").$type<Record<string, unknown>>().notNull().default({}),
    endReason: text("end_reason"),
    variables: jsonb("variables").$type<Record<string, unknown>>().notNull().default({}),
    convertedAt: timestamp("converted_at", { withTimezone: true }),
    conversionValueMinor: bigint("conversion_value_minor", { mode: "number" }),
    conversionSource: text("conversion_source"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("playbook_runs_trigger_idx").on(t.playbookId, t.contactId, t.triggerKey),
    uniqueIndex("playbook_runs_one_active_idx")
      .on(t.playbookId, t.contactId)
      .where(sql`${t.status} = 'active'`),
    index("playbook_runs_org_playbook_idx").on(t.orgId, t.playbookId, t.startedAt),
    index("playbook_runs_contact_idx").on(t.orgId, t.contactId, t.status),
  ],
);

/** One row per thing that happened at a node; `key` makes a retried step write it once. */
export const playbookRunLog = pgTable(
  "playbook_run_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    runId: uuid("run_id")
      .notNull()
      .references(() => playbookRuns.id, { onDelete: "cascade" }),
    nodeId: text("node_id").notNull(),
    nodeType: text("node_type").notNull(),
    key: text("key").notNull(),
    status: runLogStatusEnum("status").notNull(),
    detail: text("detail").notNull().default(""),
    until: timestamp("until", { withTimezone: true }),
    untilLabel: text("until_label"),
    messageId: uuid("message_id"),
    discountCodeId: uuid("discount_code_id"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("playbook_run_log_key_idx").on(t.runId, t.key),
    index("playbook_run_log_run_idx").on(t.runId, t.at),
  ],
);

export const discountCodes = pgTable(
  "discount_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    kind: discountKindEnum("kind").notNull(),
    // Percent (1–100) or an amount in minor units.
    value: integer("value").notNull(),
    singleUse: boolean("single_use").notNull().default(true),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    runId: uuid("run_id").references(() => playbookRuns.id, { onDelete: "set null" }),
    redeemedAt: timestamp("redeemed_at", { withTimezone: true }),
    orderValueMinor: bigint("order_value_minor", { mode: "number" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("discount_codes_org_code_idx").on(t.orgId, t.code), index("discount_codes_run_idx").on(t.runId)],
);

/** In-app notifications for a user (the bell); playbooks' "notify owner" writes here. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    link: text("link"),
    sourceKey: text("source_key"),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("notifications_user_idx").on(t.orgId, t.userId, t.createdAt),
    uniqueIndex("notifications_source_idx")
      .on(t.userId, t.sourceKey)
      .where(sql`${t.sourceKey} is not null`),
  ],
);
