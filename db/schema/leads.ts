import {
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  bigint,
} from "drizzle-orm/pg-core";
import { DEFAULT_LOST_REASONS, LEAD_STATUSES, STAGE_KINDS, type RequirableField } from "@/lib/leads/constants";
import type { FitRule, ScoreBreakdown, ScoreWeights } from "@/lib/leads/scoring";
import { organizations } from "./organizations";
import { users } from "./users";
import { contacts } from "./customers";

export const leadStatusEnum = pgEnum("lead_status", LEAD_STATUSES);
export const stageKindEnum = pgEnum("stage_kind", STAGE_KINDS);

// Ranks compare byte by byte whatever the database's locale, so "a0" < "a1" < "b" everywhere.
const rankText = customType<{ data: string }>({ dataType: () => 'text collate "C"' });

/** One pipeline per organisation for now; scoring settings live with it. */
export const pipelines = pgTable(
  "pipelines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull().default("Sales"),
    fitRules: jsonb("fit_rules").$type<FitRule[]>().notNull().default([]),
    scoreWeights: jsonb("score_weights").$type<ScoreWeights>().notNull().default({ fit: 60, engagement: 40 }),
    autoMqlScore: integer("auto_mql_score").notNull().default(75),
    disqualifyScore: integer("disqualify_score").notNull().default(40),
    // The organisation's lost reasons, in the order offered ("Other" is implicit, always last).
    lostReasons: jsonb("lost_reasons")
      .$type<string[]>()
      .notNull()
      .default([...DEFAULT_LOST_REASONS]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("pipelines_org_idx").on(t.orgId)],
);

export const pipelineStages = pgTable(
  "pipeline_stages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    pipelineId: uuid("pipeline_id")
      .notNull()
      .references(() => pipelines.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    position: integer("position").notNull(),
    kind: stageKindEnum("kind").notNull().default("open"),
    probability: integer("probability").notNull().default(0),
    rottingDays: integer("rotting_days"),
    wipLimit: integer("wip_limit"),
    requiredFields: jsonb("required_fields").$type<RequirableField[]>().notNull().default([]),
  },
  (t) => [index("pipeline_stages_pipeline_idx").on(t.orgId, t.pipelineId, t.position)],
);

export const leads = pgTable(
  "leads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    pipelineId: uuid("pipeline_id")
      .notNull()
      .references(() => pipelines.id, { onDelete: "cascade" }),
    stageId: uuid("stage_id")
      .notNull()
      .references(() => pipelineStages.id),
    title: text("title").notNull(),
    // A lead may exist before its customer record does.
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    company: text("company"),
    companySize: integer("company_size"),
    industry: text("industry"),
    jobTitle: text("job_title"),
    value: bigint("value", { mode: "number" }).notNull().default(0),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    source: text("source"),
    expectedCloseDate: date("expected_close_date"),
    score: integer("score").notNull().default(0),
    scoreBreakdown: jsonb("score_breakdown").$type<ScoreBreakdown>(),
    manualAdjustment: integer("manual_adjustment").notNull().default(0),
    manualReason: text("manual_reason"),
    status: leadStatusEnum("status").notNull().default("open"),
    lostReason: text("lost_reason"),
    // What happened, when the reason is "Other" (optional otherwise).
    lostNote: text("lost_note"),
    rank: rankText("rank").notNull(),
    stageEnteredAt: timestamp("stage_entered_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The board reads each column's first page in rank order; two cards never share a rank.
    uniqueIndex("leads_stage_rank_idx").on(t.orgId, t.stageId, t.rank),
    index("leads_org_owner_idx").on(t.orgId, t.ownerId),
    index("leads_org_created_idx").on(t.orgId, t.createdAt),
    index("leads_contact_idx").on(t.orgId, t.contactId),
  ],
);

export const leadStageHistory = pgTable(
  "lead_stage_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    leadId: uuid("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    fromStageId: uuid("from_stage_id").references(() => pipelineStages.id, { onDelete: "set null" }),
    toStageId: uuid("to_stage_id").references(() => pipelineStages.id, { onDelete: "set null" }),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    // Who moved it when it was not a teammate ("Lead scoring", "Playbook Win-back (run 1a2b3c)").
    actorLabel: text("actor_label"),
    movedAt: timestamp("moved_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("lead_stage_history_lead_idx").on(t.orgId, t.leadId, t.movedAt)],
);
