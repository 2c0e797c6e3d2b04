import "server-only";
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { contactTags, contacts, notes, tags, users } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import { csvLine } from "./csv";
import { filterConditions } from "./list";
import type { ListFilters } from "./list.schema";
import { recordAudit } from "../audit/record";

const HEADER = [
  "First name",
  "Last name",
  "Email",
  "Phone",
  "Company",
  "Job title",
  "Lifecycle stage",
  "Owner",
  "Tags",
  "Marketing consent",
  "Time zone",
  "Total visits",
  "Total spent",
  "Last seen",
  "Shared notes",
];
const BATCH = 1000;

/**
 * The filtered list as CSV lines, in batches (so 100,000 customers never sit in memory at once).
 * Notes: only shared ones — private notes are never exported, not even the exporter's own.
 */
export async function* exportContactsCsv(ctx: Ctx, filters: ListFilters): AsyncGenerator<string> {
  requirePermission(ctx.actor, "customers:export");
  // Recorded before the first line leaves: an export the log cannot record does not happen.
  await recordAudit(ctx.db, ctx, { action: "customers.exported", target: { label: "Customers" }, data: { filters } });
  yield csvLine(HEADER);
  let afterId: string | null = null;
  for (;;) {
    const conds = filterConditions(ctx, { ...filters, cursor: undefined });
    if (afterId) conds.push(gt(contacts.id, afterId));
    const rows = await ctx.db
      .select({
        id: contacts.id,
        firstName: contacts.firstName,
        lastName: contacts.lastName,
        email: contacts.email,
        phone: contacts.phone,
        company: contacts.company,
        jobTitle: contacts.jobTitle,
        stage: contacts.lifecycleStage,
        owner: users.name,
        consent: contacts.marketingConsent,
        timeZone: contacts.timeZone,
        visits: contacts.totalVisits,
        spent: contacts.totalSpentMinor,
        lastSeen: contacts.lastSeenAt,
      })
      .from(contacts)
      .leftJoin(users, eq(users.id, contacts.ownerId))
      .where(and(...conds))
      .orderBy(asc(contacts.id))
      .limit(BATCH);
    if (rows.length === 0) return;
    const ids = rows.map((r) => r.id);
    const tagRows = await ctx.db
      .select({ contactId: contactTags.contactId, name: tags.name })
      .from(contactTags)
      .innerJoin(tags, eq(tags.id, contactTags.tagId))
      .where(and(eq(contactTags.orgId, ctx.orgId), inArray(contactTags.contactId, ids)));
    const noteRows = await ctx.db
      .select({
        contactId: notes.contactId,
        body: sql<string>`string_agg(${notes.body}, ' | ' order by ${notes.createdAt})`,
      })
      .from(notes)
      .where(and(eq(notes.orgId, ctx.orgId), inArray(notes.contactId, ids), eq(notes.isPrivate, false)))
      .groupBy(notes.contactId);
    const tagsBy = new Map<string, string[]>();
    for (const t of tagRows) tagsBy.set(t.contactId, [...(tagsBy.get(t.contactId) ?? []), t.name]);
    const notesBy = new Map(noteRows.map((n) => [n.contactId, n.body]));
    let chunk = "";
    for (const r of rows) {
      chunk += csvLine([
        r.firstName,
        r.lastName,
        r.email,
        r.phone,
        r.company,
        r.jobTitle,
        r.stage,
        r.owner,
        (tagsBy.get(r.id) ?? []).sort().join("; "),
        r.consent,
        r.timeZone,
        r.visits,
        (r.spent / 100).toFixed(2),
        r.lastSeen,
        notesBy.get(r.id) ?? "",
      ]);
    }
    yield chunk;
    afterId = rows.at(-1)!.id;
    if (rows.length < BATCH) return;
  }
}

export async function exportToString(ctx: Ctx, filters: ListFilters): Promise<string> {
  let out = "";
  for await (const chunk of exportContactsCsv(ctx, filters)) out += chunk;
  return out;
}
