import "server-only";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { contacts, segmentMembers } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { requirePermission } from "@/lib/auth/permissions";
import { csvLine } from "@/lib/customers/csv";
import { loadSegment } from "./segments";
import { recordAudit } from "@/lib/audit/record";

const PAGE = 50;

/** Stored members by name, keyset-paged (the cursor is the last row's sort key and id). */
export async function listMembers(ctx: Ctx, segmentId: unknown, after?: string) {
  requirePermission(ctx.actor, "segments:read");
  const seg = await loadSegment(ctx.db, ctx.orgId, segmentId);
  const key = sql<string>`lower(${contacts.lastName} || ' ' || ${contacts.firstName}) || ' ' || ${contacts.id}::text`;
  const rows = await ctx.db
    .select({
      id: contacts.id,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      email: contacts.email,
      lifecycleStage: contacts.lifecycleStage,
      addedAt: segmentMembers.addedAt,
      key,
    })
    .from(segmentMembers)
    .innerJoin(contacts, and(eq(contacts.id, segmentMembers.contactId), eq(contacts.orgId, ctx.orgId)))
    .where(
      and(
        eq(segmentMembers.orgId, ctx.orgId),
        eq(segmentMembers.segmentId, seg.id),
        after ? sql`${key} > ${after.slice(0, 300)}` : undefined,
      ),
    )
    .orderBy(asc(key))
    .limit(PAGE + 1);
  return { rows: rows.slice(0, PAGE), next: rows.length > PAGE ? rows[PAGE - 1]!.key : null };
}

const HEADER = [
  "First name",
  "Last name",
  "Email",
  "Phone",
  "Company",
  "Lifecycle stage",
  "Total visits",
  "Total spent",
  "Last visit",
  "In segment since",
];
const BATCH = 1000;

/** Members as CSV lines in batches; cells go through the same formula neutralising as the customer export. */
export async function* exportMembersCsv(ctx: Ctx, segmentId: unknown): AsyncGenerator<string> {
  requirePermission(ctx.actor, "segments:read");
  requirePermission(ctx.actor, "customers:export");
  const seg = await loadSegment(ctx.db, ctx.orgId, segmentId);
  await recordAudit(ctx.db, ctx, { action: "segment.exported", target: { id: seg.id, label: seg.name } });
  yield csvLine(HEADER);
  let afterId: string | null = null;
  for (;;) {
    const rows = await ctx.db
      .select({
        id: contacts.id,
        firstName: contacts.firstName,
        lastName: contacts.lastName,
        email: contacts.email,
        phone: contacts.phone,
        company: contacts.company,
        stage: contacts.lifecycleStage,
        visits: contacts.totalVisits,
        spent: contacts.totalSpentMinor,
        lastVisit: contacts.lastVisitAt,
        addedAt: segmentMembers.addedAt,
      })
      .from(segmentMembers)
      .innerJoin(contacts, and(eq(contacts.id, segmentMembers.contactId), eq(contacts.orgId, ctx.orgId)))
      .where(
        and(
          eq(segmentMembers.orgId, ctx.orgId),
          eq(segmentMembers.segmentId, seg.id),
          afterId ? gt(segmentMembers.contactId, afterId) : undefined,
        ),
      )
      .orderBy(asc(segmentMembers.contactId))
      .limit(BATCH);
    if (!rows.length) return;
    yield rows
      .map((r) =>
        csvLine([
          r.firstName,
          r.lastName,
          r.email,
          r.phone,
          r.company,
          r.stage,
          r.visits,
          (r.spent / 100).toFixed(2),
          r.lastVisit,
          r.addedAt,
        ]),
      )
      .join("");
    afterId = rows.at(-1)!.id;
    if (rows.length < BATCH) return;
  }
}
