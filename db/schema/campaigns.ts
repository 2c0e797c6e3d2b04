import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  AB_METRICS,
  ATTRIBUTION_BASES,
  CAMPAIGN_STATUSES,
  PASSED_POLICIES,
  RECIPIENT_STATUSES,
  SCHEDULE_MODES,
} from "@/lib/campaigns/constants";
import { emailCategoryEnum } from "./enums";
import { organizations } from "./organizations";
import { users } from "./users";
import { contacts } from "./customers";
import { segments } from "./segments";
import { emailMessages, emailTemplates } from "./email";

export const campaignStatusEnum = pgEnum("campaign_status", CAMPAIGN_STATUSES);
export const campaignScheduleModeEnum = pgEnum("campaign_schedule_mode", SCHEDULE_MODES);
export const campaignPassedPolicyEnum = pgEnum("campaign_passed_policy", PASSED_POLICIES);
export const campaignRecipientStatusEnum = pgEnum("campaign_recipient_status", RECIPIENT_STATUSES);
export const campaignAbMetricEnum = pgEnum("campaign_ab_metric", AB_METRICS);
export const campaignAttributionBasisEnum = pgEnum("campaign_attribution_basis", ATTRIBUTION_BASES);

const orgId = () =>
  uuid("org_id")
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });

/** One email to one or more segments (minus exclusions), sent once per customer. */
export const campaigns = pgTable(
  "campaigns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    name: text("name").notNull(),
    status: campaignStatusEnum("status").notNull().default("draft"),
    category: emailCategoryEnum("category").notNull().default("marketing"),
    // The marketing topic's key (null for transactional notices).
    topicKey: text("topic_key"),
    subject: text("subject").notNull().default(""),
    preheader: text("preheader").notNull().default(""),
    // Content: a template (restricted: a template in use cannot be deleted) or a body written here.
    templateId: uuid("template_id").references(() => emailTemplates.id, { onDelete: "restrict" }),
    body: text("body"),
    scheduleMode: campaignScheduleModeEnum("schedule_mode").notNull().default("now"),
    // mode "at": the instant; mode "local_time": the local date and time in each customer's zone.
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }),
    localDate: text("local_date"),
    localTime: text("local_time"),
    passedPolicy: campaignPassedPolicyEnum("passed_policy").notNull().default("next_day"),
    throttlePerHour: integer("throttle_per_hour"),
    capExempt: boolean("cap_exempt").notNull().default(false),
    // Whole percent of the frozen audience that gets nothing (the comparison for uplift).
    holdoutPercent: integer("holdout_percent").notNull().default(0),
    // A/B: the share of the audience split evenly among the variants; the rest get the winner.
    abTestPercent: integer("ab_test_percent"),
    abMetric: campaignAbMetricEnum("ab_metric"),
    abDecideAfterHours: integer("ab_decide_after_hours"),
    abFallbackVariant: text("ab_fallback_variant"),
    abWinnerVariant: text("ab_winner_variant"),
    abDecisionReason: text("ab_decision_reason"),
    abDecidedAt: timestamp("ab_decided_at", { withTimezone: true }),
    attributionWindowDays: integer("attribution_window_days").notNull().default(5),
    attributionBasis: campaignAttributionBasisEnum("attribution_basis").notNull().default("click"),
    frozenAt: timestamp("frozen_at", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("campaigns_org_created_idx").on(t.orgId, t.createdAt.desc())],
);

/** The audience: segments included, and segments excluded (restricted: a segment in use cannot be deleted). */
export const campaignSegments = pgTable(
  "campaign_segments",
  {
    orgId: orgId(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    segmentId: uuid("segment_id")
      .notNull()
      .references(() => segments.id, { onDelete: "restrict" }),
    excluded: boolean("excluded").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.segmentId] }),
    index("campaign_segments_segment_idx").on(t.orgId, t.segmentId),
  ],
);

/** A/B variants: each overrides the subject, preheader and/or body of the campaign. */
export const campaignVariants = pgTable(
  "campaign_variants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    subject: text("subject"),
    preheader: text("preheader"),
    body: text("body"),
  },
  (t) => [uniqueIndex("campaign_variants_key_idx").on(t.campaignId, t.key)],
);

/**
 * The frozen audience: one row per customer and campaign, written once when sending starts.
 * The message (and through it delivered/opened/clicked events) is reached by message_id.
 */
export const campaignRecipients = pgTable(
  "campaign_recipients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    variant: text("variant"),
    // In the A/B test group (drawn at freeze); the rest get the winner once it is decided.
    inTest: boolean("in_test").notNull().default(false),
    holdout: boolean("holdout").notNull().default(false),
    // The zone the send time was computed in ("org" buckets share the organisation's schedule).
    zone: text("zone").notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    status: campaignRecipientStatusEnum("status").notNull().default("queued"),
    reason: text("reason"),
    messageId: uuid("message_id").references(() => emailMessages.id, { onDelete: "set null" }),
    handedAt: timestamp("handed_at", { withTimezone: true }),
    // Whether their message left (its sent_at is set), and whether a person (not a privacy proxy
    // or a link scanner) opened or clicked it: kept by triggers in the transaction that sends the
    // message, records the event or links the message, so a campaign's counts read this table
    // alone (migrations 0026 and 0027).
    messageSent: boolean("message_sent").notNull().default(false),
    openedByPerson: boolean("opened_by_person").notNull().default(false),
    clickedByPerson: boolean("clicked_by_person").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("campaign_recipients_unique_idx").on(t.campaignId, t.contactId),
    index("campaign_recipients_due_idx")
      .on(t.campaignId, t.dueAt)
      .where(sql`${t.status} in ('queued', 'deferred') and ${t.messageId} is null`),
    index("campaign_recipients_message_idx").on(t.messageId),
  ],
);
