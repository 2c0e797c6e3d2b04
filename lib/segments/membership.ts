import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { contacts, eventOutbox, segmentMembers, segments } from "@/db/schema";
import { compileCriteria, compileEnv } from "./compile";
import { rowsOf } from "@/db/rows";
import { validateCriteria } from "./validate";

export type RefreshResult = { members: number; entered: number; exited: number };

/**
 * Recomputes a dynamic segment's stored members in one statement: who now matches is inserted,
 * who no longer does is deleted, and each change is announced as `crm/segment.entered` /
 * `crm/segment.exited` in the outbox — all in one transaction. The first computation of a new
 * segment announces nothing: existing customers did not "enter" anything, and a playbook
 * triggered on entry must not fire for the whole list the moment a segment is saved.
 */
export async function refreshSegment(
  db: DbOrTx,
  orgId: string,
  segmentId: string,
  now = new Date(),
): Promise<RefreshResult | null> {
  return db.transaction(async (tx) => {
    // Row lock: two refreshes of one segment run one after the other.
    const [seg] = await tx
      .select()
      .from(segments)
      .where(and(eq(segments.id, segmentId), eq(segments.orgId, orgId)))
      .for("update");
    if (!seg || seg.kind !== "dynamic" || !seg.criteria) return null;
    const criteria = validateCriteria(seg.criteria);
    const where = compileCriteria(criteria, await compileEnv(tx, orgId, now));
    const announce = seg.refreshedAt !== null;
    const at = now.toISOString();
    const event = (name: "crm/segment.entered" | "crm/segment.exited", from: "entered" | "exited") =>
      sql`insert into ${eventOutbox} (org_id, name, data)
        select ${orgId}::uuid, ${name}, jsonb_build_object('orgId', ${orgId}::text, 'segmentId', ${segmentId}::text, 'contactId', contact_id::text)
        from ${sql.raw(from)} returning 1`;
    const events = announce
      ? sql`, announced_in as (${event("crm/segment.entered", "entered")}), announced_out as (${event("crm/segment.exited", "exited")})`
      : sql``;
    const [row] = rowsOf<{ members: number | string; entered: number | string; exited: number | string }>(
      await tx.execute(sql`
        with target as (select ${contacts.id} as id from ${contacts} where ${where}),
        current_members as (select contact_id from ${segmentMembers} where segment_id = ${segmentId}::uuid and org_id = ${orgId}::uuid),
        -- Set differences (hashed), not a per-row lookup into the CTE: linear at 100,000 members.
        entering as (select id from target except select contact_id from current_members),
        leaving as (select contact_id from current_members except select id from target),
        entered as (
          insert into ${segmentMembers} (org_id, segment_id, contact_id, added_at)
          select ${orgId}::uuid, ${segmentId}::uuid, id, ${at}::timestamptz from entering
          on conflict do nothing returning contact_id
        ),
        exited as (
          delete from ${segmentMembers} m using leaving l
          where m.segment_id = ${segmentId}::uuid and m.org_id = ${orgId}::uuid and m.contact_id = l.contact_id
          returning m.contact_id
        )${events}
        select (select count(*) from target) as members, (select count(*) from entered) as entered, (select count(*) from exited) as exited`),
    );
    const result = { members: Number(row!.members), entered: Number(row!.entered), exited: Number(row!.exited) };
    await tx
      .update(segments)
      .set({ memberCount: result.members, refreshedAt: now })
      .where(and(eq(segments.id, segmentId), eq(segments.orgId, orgId)));
    return result;
  });
}
