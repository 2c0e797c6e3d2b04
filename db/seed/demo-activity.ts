import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { activities, contacts, followUps, interactions, notes } from "../schema";
import { INTERACTION_LABELS, type InteractionType } from "@/lib/customers/constants";
import { endOfDayUtc, localDate } from "@/lib/customers/dates";
import { pick } from "./random";
import { seededRandom } from "./random";

const DAY = 86_400_000;
const KINDS: InteractionType[] = ["call", "visit", "purchase", "email", "chat", "whatsapp"];
const SUBJECTS = [
  "Asked about opening hours",
  "Booked a session",
  "Picked up an order",
  "Question about an invoice",
  "Feedback on last visit",
  "Wants the new catalogue",
];
const NOTES = [
  "Prefers **mornings**; call before 11.",
  "Allergic to lavender — *no scented products*.",
  "- Loyal since 2024\n- Brings friends along",
  "Ask about the new location next time.",
];

/**
 * Gives the first `count` demo customers a short history: interactions (visits and purchases
 * move the metrics), notes (one private to the rep) and follow-ups for the rep and staff,
 * some overdue and some due today. Deterministic per seed; a few bulk inserts, so quick.
 */
export async function insertDemoActivity(
  db: DbOrTx,
  orgId: string,
  people: { ownerId: string; repId: string; staffId: string },
  count = 40,
  now = Date.now(),
  timeZone = "UTC",
) {
  // "Due today" is the organisation's calendar day (see lib/contacts/dates.ts).
  const todayDue = endOfDayUtc(localDate(new Date(now), timeZone)).getTime();
  const random = seededRandom(7_2026);
  const targets = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(eq(contacts.orgId, orgId))
    .orderBy(asc(contacts.email))
    .limit(count);
  const handlers = [people.repId, people.staffId, people.ownerId];
  const ix: (typeof interactions.$inferInsert)[] = [];
  const timeline: (typeof activities.$inferInsert)[] = [];
  const noteRows: (typeof notes.$inferInsert)[] = [];
  const tasks: (typeof followUps.$inferInsert)[] = [];
  targets.forEach(({ id }, n) => {
    const times = 1 + Math.floor(random() * 4);
    for (let i = 0; i < times; i++) {
      const type = pick(random, KINDS);
      const occurredAt = new Date(now - Math.floor(random() * 120) * DAY - Math.floor(random() * DAY));
      const amountMinor = type === "purchase" ? 1500 + Math.floor(random() * 20_000) : null;
      const subject = pick(random, SUBJECTS);
      const userId = pick(random, handlers);
      ix.push({
        orgId,
        contactId: id,
        type,
        direction: type === "visit" || type === "purchase" ? "inbound" : pick(random, ["inbound", "outbound"] as const),
        subject,
        notes: "",
        durationMinutes: type === "call" ? 2 + Math.floor(random() * 20) : null,
        amountMinor,
        userId,
        occurredAt,
      });
      timeline.push({
        orgId,
        contactId: id,
        type: "interaction.logged",
        actorId: userId,
        occurredAt,
        data: { kind: type, label: INTERACTION_LABELS[type], direction: "inbound", subject, notes: "", amountMinor },
      });
    }
    if (n % 3 === 0) {
      const createdAt = new Date(now - Math.floor(random() * 60) * DAY);
      const isPrivate = n % 9 === 0;
      const authorId = isPrivate ? people.repId : pick(random, handlers);
      const body = isPrivate ? "Private: thinking of offering a loyalty discount." : pick(random, NOTES);
      noteRows.push({
        orgId,
        contactId: id,
        authorId,
        body,
        pinned: n % 6 === 0,
        isPrivate,
        createdAt,
        updatedAt: createdAt,
      });
    }
    if (n % 4 === 0) {
      const assigneeId = n % 8 === 0 ? people.repId : people.staffId;
      const dueAt = new Date(todayDue + (n % 12 === 0 ? -2 : 0) * DAY);
      tasks.push({
        orgId,
        contactId: id,
        assigneeId,
        createdById: assigneeId,
        title: n % 12 === 0 ? "Send the quote we promised" : "Check in after the visit",
        dueAt,
      });
    }
  });
  if (ix.length) await db.insert(interactions).values(ix);
  if (timeline.length) await db.insert(activities).values(timeline);
  const insertedNotes = noteRows.length ? await db.insert(notes).values(noteRows).returning() : [];
  if (insertedNotes.length) {
    await db.insert(activities).values(
      insertedNotes.map((note) => ({
        orgId,
        contactId: note.contactId,
        type: "note.added",
        subjectType: "note",
        subjectId: note.id,
        actorId: note.authorId,
        privateToUserId: note.isPrivate ? note.authorId : null,
        occurredAt: note.createdAt,
        data: { body: note.body, pinned: note.pinned, private: note.isPrivate },
      })),
    );
  }
  const insertedTasks = tasks.length ? await db.insert(followUps).values(tasks).returning() : [];
  if (insertedTasks.length) {
    await db.insert(activities).values(
      insertedTasks.map((t) => ({
        orgId,
        contactId: t.contactId,
        type: "follow_up.created",
        subjectType: "follow_up",
        subjectId: t.id,
        actorId: t.createdById,
        data: { title: t.title, due: t.dueAt.toISOString().slice(0, 10) },
      })),
    );
  }
  // Metrics follow from the visits and purchases just written.
  const ids = targets.map((t) => t.id);
  if (ids.length) {
    await db.execute(sql`
      update ${contacts} set
        total_visits = m.visits, total_spent_minor = m.spent, first_visit_at = m.first_at, last_visit_at = m.last_at,
        last_seen_at = greatest(last_seen_at, m.last_any)
      from (
        select contact_id,
          count(*) filter (where type in ('visit', 'purchase'))::int as visits,
          coalesce(sum(amount_minor), 0)::bigint as spent,
          min(occurred_at) filter (where type in ('visit', 'purchase')) as first_at,
          max(occurred_at) filter (where type in ('visit', 'purchase')) as last_at,
          max(occurred_at) as last_any
        from ${interactions} where org_id = ${orgId} group by contact_id
      ) m
      where ${contacts.id} = m.contact_id and ${and(eq(contacts.orgId, orgId), inArray(contacts.id, ids))}`);
  }
}
