import { boolean, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const organizations = pgTable("organizations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  currency: text("currency").notNull().default("USD"),
  timeZone: text("time_zone").notNull().default("UTC"),
  // BCP 47 locale for every date, number and amount shown (lib/format).
  locale: text("locale").notNull().default("en-US"),
  // Local wall-clock times "HH:MM"; a window may cross midnight (21:00–08:00).
  quietHoursStart: text("quiet_hours_start"),
  quietHoursEnd: text("quiet_hours_end"),
  quietHoursNoWeekend: boolean("quiet_hours_no_weekend").notNull().default(false),
  // At most N marketing emails per customer per rolling D days, across all playbooks; null count = no cap.
  frequencyCapCount: integer("frequency_cap_count").default(3),
  frequencyCapDays: integer("frequency_cap_days").notNull().default(7),
  // Daily detectors: no visit/interaction/order for N days → inactive; trial ends within N days; engagement drop of N points → churn risk.
  inactivityDays: integer("inactivity_days").notNull().default(30),
  trialEndingDays: integer("trial_ending_days").notNull().default(3),
  churnRiskDrop: integer("churn_risk_drop").notNull().default(20),
  // On: marketing email goes only to customers whose consent is "subscribed" ("Not asked" is held back).
  // Off (default): soft opt-in, "Not asked" customers get marketing email until they opt out.
  marketingRequiresConsent: boolean("marketing_requires_consent").notNull().default(false),
  isDemo: boolean("is_demo").notNull().default(false),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
