import { integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { emailMessages } from "./email";

// Analytics rollups of email, kept current by triggers in the same transaction as the message or
// event they count (migration 0020): a year of email reads a few thousand rows instead of millions.

/** When each message first reached each state; a count moves only when a first changes. */
export const emailMessageFirsts = pgTable("email_message_firsts", {
  messageId: uuid("message_id")
    .primaryKey()
    .references(() => emailMessages.id, { onDelete: "cascade" }),
  orgId: uuid("org_id")
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" }),
  deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  openedAt: timestamp("opened_at", { withTimezone: true }),
  humanOpenedAt: timestamp("human_opened_at", { withTimezone: true }),
  machineOpenedAt: timestamp("machine_opened_at", { withTimezone: true }),
  clickedAt: timestamp("clicked_at", { withTimezone: true }),
  humanClickedAt: timestamp("human_clicked_at", { withTimezone: true }),
  bouncedAt: timestamp("bounced_at", { withTimezone: true }),
  complainedAt: timestamp("complained_at", { withTimezone: true }),
});

/**
 * Email counts per organisation and 15-minute UTC slot (every zone's midnight falls on one), dated
 * by when each first happened ("event") or by the send it belongs to ("send").
 */
export const emailStats = pgTable(
  "email_stats",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    dating: text("dating").notNull(),
    slot: timestamp("slot", { withTimezone: true }).notNull(),
    sent: integer("sent").notNull().default(0),
    delivered: integer("delivered").notNull().default(0),
    openedTotal: integer("opened_total").notNull().default(0),
    openedHuman: integer("opened_human").notNull().default(0),
    openedMachine: integer("opened_machine").notNull().default(0),
    clickedTotal: integer("clicked_total").notNull().default(0),
    clickedHuman: integer("clicked_human").notNull().default(0),
    unsubscribed: integer("unsubscribed").notNull().default(0),
    bounced: integer("bounced").notNull().default(0),
    complained: integer("complained").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.dating, t.slot] })],
);

/** Machine opens and clicks per organisation, 15-minute slot and reason, for the page's "why" list. */
export const emailMachineStats = pgTable(
  "email_machine_stats",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    slot: timestamp("slot", { withTimezone: true }).notNull(),
    reason: text("reason").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.slot, t.reason] })],
);
