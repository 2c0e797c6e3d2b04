import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { contacts, segmentMembers, segments } from "@/db/schema";
import type { DbOrTx } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { requirePermission } from "@/lib/auth/permissions";
import { emitEvent } from "@/lib/events/emit";
import { ValidationError } from "@/lib/errors";
import { loadSegment } from "./segments";
import { recordAudit } from "@/lib/audit/record";

const idsSchema = z
  .array(z.uuid())
  .min(1, "Select at least one customer")
  .max(500, "Add at most 500 customers at a time");
const MAX_EMAILS = 5_000;

async function staticSegment(tx: DbOrTx, ctx: Ctx, id: unknown) {
  const seg = await loadSegment(tx, ctx.orgId, id);
  if (seg.kind !== "static")
    throw new ValidationError({ segmentId: "Only a static segment takes hand-picked customers" });
  return seg;
}

async function recount(tx: DbOrTx, orgId: string, id: string) {
  await tx
    .update(segments)
    .set({
      memberCount: sql`(select count(*) from ${segmentMembers} where ${segmentMembers.segmentId} = ${id}::uuid and ${segmentMembers.orgId} = ${orgId}::uuid)`,
      refreshedAt: new Date(),
    })
    .where(and(eq(segments.id, id), eq(segments.orgId, orgId)));
}

/** Adds customers (ids of other organisations are ignored by the org filter); each newcomer is announced. */
export async function addStaticMembers(ctx: Ctx, segmentId: unknown, contactIds: unknown): Promise<number> {
  requirePermission(ctx.actor, "segments:manage");
  const ids = idsSchema.parse(contactIds);
  return ctx.db.transaction(async (tx) => {
    const seg = await staticSegment(tx, ctx, segmentId);
    const owned = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.orgId, ctx.orgId), inArray(contacts.id, ids)));
    if (!owned.length) return 0;
    const added = await tx
      .insert(segmentMembers)
      .values(owned.map((c) => ({ orgId: ctx.orgId, segmentId: seg.id, contactId: c.id })))
      .onConflictDoNothing()
      .returning({ contactId: segmentMembers.contactId });
    for (const a of added)
      await emitEvent(tx, "crm/segment.entered", { orgId: ctx.orgId, segmentId: seg.id, contactId: a.contactId });
    await recount(tx, ctx.orgId, seg.id);
    if (added.length)
      await recordAudit(tx, ctx, {
        action: "segment.members_added",
        target: { id: seg.id, label: seg.name },
        data: { added: added.length, contactIds: added.map((a) => a.contactId).slice(0, 50) },
      });
    return added.length;
  });
}

export async function removeStaticMember(ctx: Ctx, segmentId: unknown, contactId: unknown): Promise<void> {
  requirePermission(ctx.actor, "segments:manage");
  const id = z.uuid("That customer was not found.").parse(contactId);
  await ctx.db.transaction(async (tx) => {
    const seg = await staticSegment(tx, ctx, segmentId);
    const removed = await tx
      .delete(segmentMembers)
      .where(
        and(
          eq(segmentMembers.orgId, ctx.orgId),
          eq(segmentMembers.segmentId, seg.id),
          eq(segmentMembers.contactId, id),
        ),
      )
      .returning({ contactId: segmentMembers.contactId });
    for (const r of removed)
      await emitEvent(tx, "crm/segment.exited", { orgId: ctx.orgId, segmentId: seg.id, contactId: r.contactId });
    await recount(tx, ctx.orgId, seg.id);
    if (removed.length)
      await recordAudit(tx, ctx, {
        action: "segment.member_removed",
        target: { id: seg.id, label: seg.name },
        data: { contactId: id },
      });
  });
}

/** Any text with emails in it (a CSV column, one per line): every address found is looked up. */
export function emailsIn(text: string): string[] {
  const found = text.match(/[^\s,;"'<>]+@[^\s,;"'<>]+\.[^\s,;"'<>]+/g) ?? [];
  return [...new Set(found.map((e) => e.toLowerCase()))];
}

export async function addStaticMembersByEmail(
  ctx: Ctx,
  segmentId: unknown,
  csvText: unknown,
): Promise<{ added: number; matched: number; unknown: string[] }> {
  requirePermission(ctx.actor, "segments:manage");
  const text = z.string().max(2_000_000, "The file is too large (2 MB at most)").parse(csvText);
  const emails = emailsIn(text);
  if (!emails.length) throw new ValidationError({ file: "No email addresses found in the file" });
  if (emails.length > MAX_EMAILS) throw new ValidationError({ file: `At most ${MAX_EMAILS} emails at a time` });
  const found = await ctx.db
    .select({ id: contacts.id, email: sql<string>`lower(${contacts.email})` })
    .from(contacts)
    .where(and(eq(contacts.orgId, ctx.orgId), inArray(sql`lower(${contacts.email})`, emails)));
  const known = new Set(found.map((f) => f.email));
  let added = 0;
  for (let i = 0; i < found.length; i += 500)
    added += await addStaticMembers(
      ctx,
      segmentId,
      found.slice(i, i + 500).map((f) => f.id),
    );
  if (!found.length) await staticSegment(ctx.db, ctx, segmentId);
  return { added, matched: found.length, unknown: emails.filter((e) => !known.has(e)).slice(0, 50) };
}
