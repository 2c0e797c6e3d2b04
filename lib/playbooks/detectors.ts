import { byPerson } from "@/lib/email/human-engagement";
import { and, eq, gte, isNotNull, lt, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contacts, emailEvents, interactions, organizations } from "@/db/schema";
import { emitEvent } from "../events/emit";
import { localParts } from "./zoned-time";

const DAY = 86_400_000;
export const DETECTOR_LOCAL_HOUR = 6;

type Org = typeof organizations.$inferSelect;

/** Organisations where it is the detectors' hour (06:xx local) at `now`: each is swept once a day in its own zone. */
export function orgsDueAt<T extends { timeZone: string }>(orgs: T[], now: Date): T[] {
  return orgs.filter((o) => {
    try {
      return localParts(now, o.timeZone).hour === DETECTOR_LOCAL_HOUR;
    } catch {
      return localParts(now, "UTC").hour === DETECTOR_LOCAL_HOUR;
    }
  });
}

// Qualified by hand: inside a select list Drizzle renders columns unqualified, and in a correlated
// subquery over interactions a bare "id" would mean the interaction's id.
const CONTACT_ID = sql`"contacts"."id"`;

/** Last sign of life: a visit, an interaction (calls, orders …) or being seen in the product. */
const lastActivity = sql<Date>`greatest(${contacts.lastVisitAt}, ${contacts.lastSeenAt}, (select max(${interactions.occurredAt}) from ${interactions} where ${interactions.contactId} = ${CONTACT_ID}), ${contacts.createdAt})`;

/**
 * Customers whose last activity crossed the org's inactivity threshold in the past day (so each
 * quiet spell is reported once) → crm/contact.inactive.
 */
export async function detectInactive(db: Db, org: Org, now: Date): Promise<number> {
  const threshold = new Date(now.getTime() - org.inactivityDays * DAY);
  const rows = await db
    .select({ id: contacts.id, stage: contacts.lifecycleStage, last: lastActivity })
    .from(contacts)
    .where(
      and(
        eq(contacts.orgId, org.id),
        ne(contacts.lifecycleStage, "churned"),
        sql`${lastActivity} < ${threshold.toISOString()}::timestamptz`,
        sql`${lastActivity} >= ${new Date(threshold.getTime() - DAY).toISOString()}::timestamptz`,
      ),
    );
  await db.transaction(async (tx) => {
    for (const r of rows)
      await emitEvent(tx, "crm/contact.inactive", {
        orgId: org.id,
        contactId: r.id,
        stage: r.stage,
        daysSinceLastVisit: org.inactivityDays,
      });
  });
  return rows.length;
}

/** Trials ending within the org's window → crm/trial.ending, keyed by the trial's end so a repeat sweep is a no-op downstream. */
export async function detectTrialsEnding(db: Db, org: Org, now: Date): Promise<number> {
  const until = new Date(now.getTime() + org.trialEndingDays * DAY);
  const rows = await db
    .select({ id: contacts.id, endsAt: contacts.trialEndsAt })
    .from(contacts)
    .where(
      and(
        eq(contacts.orgId, org.id),
        isNotNull(contacts.trialEndsAt),
        gte(contacts.trialEndsAt, now),
        lt(contacts.trialEndsAt, until),
      ),
    );
  await db.transaction(async (tx) => {
    for (const r of rows) {
      const endsAt = r.endsAt!.toISOString();
      await emitEvent(tx, "crm/trial.ending", {
        orgId: org.id,
        contactId: r.id,
        sourceEventId: `trial-ending:${r.id}:${endsAt}`,
        source: "detector",
        properties: { trialEndsAt: endsAt },
      });
    }
  });
  return rows.length;
}

/**
 * Engagement score (0–100) = 20 points per interaction, email open or click in a 30-day window.
 * A drop of at least the org's threshold from the previous 30 days → crm/churn.risk (once a month per customer).
 */
export async function detectChurnRisk(db: Db, org: Org, now: Date): Promise<number> {
  const t0 = new Date(now.getTime() - 60 * DAY).toISOString(),
    t1 = new Date(now.getTime() - 30 * DAY).toISOString();
  const score = (from: string, to: string) =>
    sql<number>`least(100, 20 * ((select count(*) from ${interactions} where ${interactions.contactId} = ${CONTACT_ID} and ${interactions.occurredAt} >= ${from}::timestamptz and ${interactions.occurredAt} < ${to}::timestamptz)
      + (select count(*) from ${emailEvents} where ${emailEvents.contactId} = ${CONTACT_ID} and ${emailEvents.type} in ('opened', 'clicked') and ${byPerson} and ${emailEvents.occurredAt} >= ${from}::timestamptz and ${emailEvents.occurredAt} < ${to}::timestamptz)))`.mapWith(
      Number,
    );
  const rows = await db
    .select({ id: contacts.id, before: score(t0, t1), recent: score(t1, now.toISOString()) })
    .from(contacts)
    .where(and(eq(contacts.orgId, org.id), ne(contacts.lifecycleStage, "churned")));
  const risky = rows.filter((r) => r.before - r.recent >= org.churnRiskDrop);
  const month = now.toISOString().slice(0, 7);
  await db.transaction(async (tx) => {
    for (const r of risky)
      await emitEvent(tx, "crm/churn.risk", {
        orgId: org.id,
        contactId: r.id,
        sourceEventId: `churn-risk:${r.id}:${month}`,
        source: "detector",
        properties: { scoreBefore: r.before, scoreNow: r.recent },
      });
  });
  return risky.length;
}

export async function runDetectors(db: Db, orgId: string, now: Date) {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, orgId));
  if (!org) return null;
  return {
    inactive: await detectInactive(db, org, now),
    trialsEnding: await detectTrialsEnding(db, org, now),
    churnRisk: await detectChurnRisk(db, org, now),
  };
}
