import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { activities, contactTags, contacts, interactions, leads, segments, tags } from "../schema";
import { recomputeLeadScore } from "@/lib/leads/score-service";
import { INTERACTION_LABELS } from "@/lib/customers/constants";
import { refreshSegment } from "@/lib/segments/membership";
import { isTimeRelative } from "@/lib/segments/compile";
import type { CriteriaGroup, CriteriaNode } from "@/lib/segments/criteria.schema";
import { seededRandom } from "./random";

const DAY = 86_400_000;
const REGULARS = 16;

const cond = (id: string, field: string, op: string, value?: unknown): CriteriaNode => ({
  kind: "condition",
  id,
  field,
  op,
  value,
});
const all = (...children: CriteriaNode[]): CriteriaGroup => ({ kind: "group", id: "root", match: "all", children });

/** The seeded segments. Money is in minor units (5,000.00 = 500,000). */
export const DEMO_SEGMENTS = [
  {
    name: "VIP customers",
    description: "10 or more visits and 5,000 or more spent",
    criteria: all(cond("c1", "contact.total_visits", "gte", 10), cond("c2", "contact.total_spent", "gte", 500_000)),
  },
  {
    name: "At risk",
    description: "Last visit more than 90 days ago",
    criteria: all(cond("c1", "contact.last_visit_at", "more_than_days_ago", 90)),
  },
  {
    name: "New this month",
    description: "Became a customer within the last 30 days",
    criteria: all(cond("c1", "contact.created_at", "within_last_days", 30)),
  },
  {
    name: "Prefers WhatsApp",
    description: "Asked to be contacted on WhatsApp",
    criteria: all(cond("c1", "contact.preferred_contact_method", "any_of", ["whatsapp"])),
  },
  {
    name: "High-intent leads",
    description: "A lead scored 70 or more",
    criteria: all(cond("c1", "lead.score", "gte", 70)),
  },
] as const;

/**
 * Gives the demo workspace the customers these segments are about — regulars with a long
 * history (some lapsed, some tagged VIP), contact preferences — then saves the segments and
 * computes their members. Deterministic per seed.
 */
export async function insertDemoSegments(
  db: DbOrTx,
  orgId: string,
  people: { ownerId: string; staffId: string },
  now = Date.now(),
) {
  const random = seededRandom(8_2026);
  const everyone = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(eq(contacts.orgId, orgId))
    .orderBy(asc(contacts.email));
  // Contact preferences: about one in five prefers WhatsApp.
  const prefs = ["email", "whatsapp", "sms", "phone", "email"] as const;
  for (const [i, method] of prefs.entries()) {
    const ids = everyone.filter((_, n) => n % 7 !== 3 && n % prefs.length === i).map((c) => c.id);
    if (ids.length)
      await db
        .update(contacts)
        .set({ preferredContactMethod: method })
        .where(and(eq(contacts.orgId, orgId), inArray(contacts.id, ids)));
  }
  // Regulars: the best-fitting prospects are the keenest customers, past those that already
  // have a short history (the first 40 by email).
  const historied = new Set(everyone.slice(0, 40).map((c) => c.id));
  const byFit = await db
    .select({ id: leads.contactId })
    .from(leads)
    .where(eq(leads.orgId, orgId))
    .orderBy(desc(leads.score), asc(leads.id));
  const regulars = [...new Set(byFit.map((l) => l.id).filter((id): id is string => !!id && !historied.has(id)))].slice(
    0,
    REGULARS,
  );
  const ix: (typeof interactions.$inferInsert)[] = [];
  regulars.forEach((contactId, n) => {
    const lapsed = n % 4 === 3;
    const visits = 6 + Math.floor(random() * 14);
    for (let i = 0; i < visits; i++) {
      // Active regulars came in this fortnight too: recent visits are what lead scores weigh most.
      const daysAgo = lapsed
        ? 100 + Math.floor(random() * 260)
        : i < 6
          ? Math.floor(random() * 8)
          : 2 + Math.floor(random() * 260);
      const purchase = i % 2 === 0;
      ix.push({
        orgId,
        contactId,
        type: purchase ? "purchase" : "visit",
        direction: "inbound",
        subject: purchase ? "Seasonal order" : "Dropped by",
        amountMinor: purchase ? 30_000 + Math.floor(random() * 90_000) : null,
        userId: people.staffId,
        occurredAt: new Date(now - daysAgo * DAY - Math.floor(random() * DAY)),
      });
    }
  });
  await db.insert(interactions).values(ix);
  await db.insert(activities).values(
    ix.map((x) => ({
      orgId,
      contactId: x.contactId,
      type: "interaction.logged",
      actorId: x.userId,
      occurredAt: x.occurredAt,
      data: {
        kind: x.type,
        label: INTERACTION_LABELS[x.type],
        direction: "inbound",
        subject: x.subject,
        notes: "",
        amountMinor: x.amountMinor,
      },
    })),
  );
  await db.execute(sql`
    update ${contacts} set
      total_visits = m.visits, total_spent_minor = m.spent, first_visit_at = m.first_at, last_visit_at = m.last_at,
      last_seen_at = greatest(last_seen_at, m.last_at)
    from (
      select contact_id, count(*)::int as visits, coalesce(sum(amount_minor), 0)::bigint as spent, min(occurred_at) as first_at, max(occurred_at) as last_at
      from ${interactions} where org_id = ${orgId} and type in ('visit', 'purchase') group by contact_id
    ) m
    where ${contacts.id} = m.contact_id and ${and(eq(contacts.orgId, orgId), inArray(contacts.id, regulars))}`);
  // Half the regulars wear the VIP tag (by hand, as a shop would), whatever their numbers say.
  const [vip] = await db
    .insert(tags)
    .values({ orgId, name: "VIP", color: "#b45309" })
    .onConflictDoNothing()
    .returning({ id: tags.id });
  if (vip)
    await db
      .insert(contactTags)
      .values(regulars.filter((_, n) => n % 2 === 0).map((contactId) => ({ orgId, contactId, tagId: vip.id })));

  // Engagement counts towards lead scores: rescore the leads of customers with a history.
  const engaged = await db
    .selectDistinct({ id: leads.id })
    .from(leads)
    .innerJoin(interactions, and(eq(interactions.contactId, leads.contactId), eq(interactions.orgId, orgId)))
    .where(eq(leads.orgId, orgId));
  for (const lead of engaged) await recomputeLeadScore(db, orgId, lead.id, { now: new Date(now) });

  for (const s of DEMO_SEGMENTS) {
    const [row] = await db
      .insert(segments)
      .values({
        orgId,
        name: s.name,
        description: s.description,
        kind: "dynamic",
        criteria: s.criteria as CriteriaGroup,
        timeRelative: isTimeRelative(s.criteria as CriteriaGroup),
        createdById: people.ownerId,
      })
      .returning({ id: segments.id });
    await refreshSegment(db, orgId, row!.id, new Date(now));
  }
}
