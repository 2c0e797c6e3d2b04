import { sql, type SQL } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  consentStatusEnum,
  contactMethodEnum,
  directionEnum,
  importModeEnum,
  importStatusEnum,
  interactionTypeEnum,
  lifecycleStageEnum,
} from "./enums";
import { organizations } from "./organizations";
import { users } from "./users";

// Customers (the `contacts` table keeps its name: SQL, events and the public API say contact).
export const contacts = pgTable(
  "contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull().default(""),
    email: text("email"),
    // The caller's own id for this person (billing, product), used by the public API.
    externalId: text("external_id"),
    phone: text("phone"),
    company: text("company"),
    jobTitle: text("job_title"),
    timeZone: text("time_zone"),
    lifecycleStage: lifecycleStageEnum("lifecycle_stage").notNull().default("lead"),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
    addressLine1: text("address_line1"),
    addressLine2: text("address_line2"),
    city: text("city"),
    region: text("region"),
    postalCode: text("postal_code"),
    country: text("country"),
    preferredLanguage: text("preferred_language"),
    preferredContactMethod: contactMethodEnum("preferred_contact_method"),
    // "HH:MM" pair overriding the organisation's quiet hours for this person.
    quietHoursStart: text("quiet_hours_start"),
    quietHoursEnd: text("quiet_hours_end"),
    birthday: date("birthday"),
    referralSource: text("referral_source"),
    referredById: uuid("referred_by_id").references((): AnyPgColumn => contacts.id, { onDelete: "set null" }),
    trialEndsAt: timestamp("trial_ends_at", { withTimezone: true }),
    marketingConsent: consentStatusEnum("marketing_consent").notNull().default("unknown"),
    // Never send this person marketing email, whatever their consent says (set by staff).
    doNotContact: boolean("do_not_contact").notNull().default(false),
    firstVisitAt: timestamp("first_visit_at", { withTimezone: true }),
    lastVisitAt: timestamp("last_visit_at", { withTimezone: true }),
    totalVisits: integer("total_visits").notNull().default(0),
    totalSpentMinor: bigint("total_spent_minor", { mode: "number" }).notNull().default(0),
    // Lower-cased name, email, phone (and its digits) and company: one trigram index serves all four.
    searchText: text("search_text").generatedAlwaysAs(
      (): SQL =>
        sql`lower(${contacts.firstName} || ' ' || ${contacts.lastName} || ' ' || coalesce(${contacts.email}, '') || ' ' || coalesce(${contacts.phone}, '') || ' ' || regexp_replace(coalesce(${contacts.phone}, ''), '[^0-9]', '', 'g') || ' ' || coalesce(${contacts.company}, ''))`,
    ),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("contacts_org_idx").on(t.orgId, t.createdAt),
    index("contacts_org_stage_idx").on(t.orgId, t.lifecycleStage),
    index("contacts_org_email_idx").on(t.orgId, sql`lower(${t.email})`),
    index("contacts_org_owner_idx").on(t.orgId, t.ownerId),
    index("contacts_org_last_seen_idx").on(t.orgId, t.lastSeenAt),
    index("contacts_org_name_idx").on(t.orgId, t.lastName, t.firstName, t.id),
    // Deleting or merging a customer checks who they referred: without this, each delete scans the table.
    index("contacts_referred_by_idx")
      .on(t.referredById)
      .where(sql`${t.referredById} is not null`),
    uniqueIndex("contacts_org_external_id_idx")
      .on(t.orgId, t.externalId)
      .where(sql`${t.externalId} is not null`),
    index("contacts_search_trgm_idx").using("gin", t.searchText.op("gin_trgm_ops")),
  ],
);

export const tags = pgTable(
  "tags",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    color: text("color").notNull(),
  },
  (t) => [uniqueIndex("tags_org_name_idx").on(t.orgId, t.name)],
);

export const contactTags = pgTable(
  "contact_tags",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    tagId: uuid("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.tagId] }), index("contact_tags_tag_idx").on(t.orgId, t.tagId)],
);

/** A call, visit, message or purchase, handled by a teammate. Each also has a timeline entry. */
export const interactions = pgTable(
  "interactions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    type: interactionTypeEnum("type").notNull(),
    channel: text("channel"),
    direction: directionEnum("direction").notNull(),
    subject: text("subject").notNull().default(""),
    notes: text("notes").notNull().default(""),
    durationMinutes: integer("duration_minutes"),
    outcome: text("outcome"),
    amountMinor: bigint("amount_minor", { mode: "number" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("interactions_contact_idx").on(t.contactId, t.occurredAt.desc()),
    // Segments count a type of interaction within a window for the whole organisation.
    index("interactions_org_type_time_idx").on(t.orgId, t.type, t.occurredAt, t.contactId),
  ],
);

/** Notes in a small safe markup; a private note is visible to its author only. */
export const notes = pgTable(
  "notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    pinned: boolean("pinned").notNull().default(false),
    isPrivate: boolean("is_private").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("notes_contact_idx").on(t.contactId, t.pinned, t.createdAt.desc())],
);

export const followUps = pgTable(
  "follow_ups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    interactionId: uuid("interaction_id").references(() => interactions.id, { onDelete: "set null" }),
    assigneeId: uuid("assignee_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    doneAt: timestamp("done_at", { withTimezone: true }),
    doneById: uuid("done_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("follow_ups_assignee_open_idx")
      .on(t.orgId, t.assigneeId, t.dueAt)
      .where(sql`${t.doneAt} is null`),
    index("follow_ups_contact_idx").on(t.contactId),
  ],
);

export type ImportMapping = Partial<Record<string, number>>;
export type ImportRejection = { row: number; reason: string; values: Record<string, string> };

/** A CSV import job; its rows wait in contact_import_chunks until the background function has processed them. */
export const contactImports = pgTable(
  "contact_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    fileName: text("file_name").notNull(),
    mode: importModeEnum("mode").notNull(),
    status: importStatusEnum("status").notNull().default("pending"),
    mapping: jsonb("mapping").$type<ImportMapping>().notNull(),
    headers: jsonb("headers").$type<string[]>().notNull(),
    totalRows: integer("total_rows").notNull(),
    processedRows: integer("processed_rows").notNull().default(0),
    createdCount: integer("created_count").notNull().default(0),
    updatedCount: integer("updated_count").notNull().default(0),
    skippedCount: integer("skipped_count").notNull().default(0),
    rejected: jsonb("rejected").$type<ImportRejection[]>().notNull().default([]),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("contact_imports_org_idx").on(t.orgId, t.createdAt.desc())],
);

/** The file's rows in chunks, so each batch reads only its own rows. Deleted when the import finishes. */
export const contactImportChunks = pgTable(
  "contact_import_chunks",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => contactImports.id, { onDelete: "cascade" }),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    startRow: integer("start_row").notNull(),
    rows: jsonb("rows").$type<string[][]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.startRow] })],
);

/** An organisation's lifecycle thresholds (absent row = the defaults in lib/contacts/lifecycle-rules.ts). */
export const lifecycleRules = pgTable("lifecycle_rules", {
  orgId: uuid("org_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  vipThresholdMinor: bigint("vip_threshold_minor", { mode: "number" }).notNull(),
  atRiskDays: integer("at_risk_days").notNull(),
  churnedDays: integer("churned_days").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
