import {
  type AnyPgColumn,
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { sql, type SQL } from "drizzle-orm";
import { consentStatusEnum, contactMethodEnum, lifecycleStageEnum } from "./enums";
import { organizations } from "./organizations";
import { users } from "./users";

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
