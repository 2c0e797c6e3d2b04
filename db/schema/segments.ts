import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { SEGMENT_KINDS } from "@/lib/segments/constants";
import type { CriteriaGroup } from "@/lib/segments/criteria.schema";
import { organizations } from "./organizations";
import { users } from "./users";
import { contacts } from "./customers";

export const segmentKindEnum = pgEnum("segment_kind", SEGMENT_KINDS);

/** A saved audience: dynamic (criteria, recomputed) or static (hand-picked members). */
export const segments = pgTable(
  "segments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    kind: segmentKindEnum("kind").notNull().default("dynamic"),
    criteria: jsonb("criteria").$type<CriteriaGroup>(),
    // Relative-time conditions ("within the last 30 days") drift without any data change: refreshed on a schedule.
    timeRelative: boolean("time_relative").notNull().default(false),
    memberCount: integer("member_count").notNull().default(0),
    refreshedAt: timestamp("refreshed_at", { withTimezone: true }),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("segments_org_name_idx").on(t.orgId, sql`lower(${t.name})`)],
);

export const segmentMembers = pgTable(
  "segment_members",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    segmentId: uuid("segment_id")
      .notNull()
      .references(() => segments.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // By contact alone: deleting a customer cascades here, one lookup per customer.
  (t) => [primaryKey({ columns: [t.segmentId, t.contactId] }), index("segment_members_contact_idx").on(t.contactId)],
);
