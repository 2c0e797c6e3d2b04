import { bigint, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { contacts } from "./customers";
import { apiEvents } from "./api-keys";

/**
 * Orders a shop reports with `crm/order.placed`, one per (org, the shop's order id): a repeat of
 * the order answers with the receipt of its first report and stores nothing. Campaign
 * conversions and their revenue read from here.
 */
export const orders = pgTable(
  "orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    sourceOrderId: text("source_order_id").notNull(),
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    // The first report's receipt, whose answer a repeat gets.
    apiEventId: uuid("api_event_id").references(() => apiEvents.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("orders_org_source_idx").on(t.orgId, t.sourceOrderId),
    index("orders_contact_idx").on(t.orgId, t.contactId, t.occurredAt),
  ],
);
