import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { contactTags, contacts, tags } from "@/db/schema";
import type { Ctx } from "../context";
import type { DbOrTx } from "@/db/client";
import { NotFoundError } from "../errors";
import { requirePermission } from "../auth/permissions";
import { recordActivity } from "../activity/record";
import { emitEvent, emitEvents } from "../events/emit";
import { loadContact } from "./load";
import { assertTeammate } from "./contacts";
import { actedBy, userIdOf } from "../actors";
import { recordAudit } from "../audit/record";

const TAG_COLORS = ["#2563eb", "#7c3aed", "#059669", "#d97706", "#dc2626", "#0891b2", "#db2777", "#4b5563"];
const tagName = z.string().trim().min(1, "Enter a tag").max(40, "Keep tags under 40 characters");

export async function listTags(ctx: Ctx) {
  requirePermission(ctx.actor, "customers:read");
  return ctx.db
    .select({ id: tags.id, name: tags.name, color: tags.color })
    .from(tags)
    .where(eq(tags.orgId, ctx.orgId))
    .orderBy(asc(tags.name));
}

export async function contactTagList(ctx: Ctx, contactIds: string[]) {
  if (contactIds.length === 0) return [];
  return ctx.db
    .select({ contactId: contactTags.contactId, id: tags.id, name: tags.name, color: tags.color })
    .from(contactTags)
    .innerJoin(tags, eq(tags.id, contactTags.tagId))
    .where(and(eq(contactTags.orgId, ctx.orgId), inArray(contactTags.contactId, contactIds)))
    .orderBy(asc(tags.name));
}

async function ensureTag(tx: DbOrTx, orgId: string, name: string) {
  const [existing] = await tx
    .select()
    .from(tags)
    .where(and(eq(tags.orgId, orgId), eq(tags.name, name)))
    .limit(1);
  if (existing) return existing;
  const color = TAG_COLORS[[...name].reduce((h, ch) => h + ch.charCodeAt(0), 0) % TAG_COLORS.length]!;
  const [created] = await tx.insert(tags).values({ orgId, name, color }).onConflictDoNothing().returning();
  return (
    created ??
    (
      await tx
        .select()
        .from(tags)
        .where(and(eq(tags.orgId, orgId), eq(tags.name, name)))
        .limit(1)
    )[0]!
  );
}

export async function tagContact(ctx: Ctx, contactId: unknown, name: unknown) {
  requirePermission(ctx.actor, "customers:write");
  const n = tagName.parse(name);
  await ctx.db.transaction(async (tx) => {
    const c = await loadContact(tx, ctx.orgId, contactId);
    const tag = await ensureTag(tx, ctx.orgId, n);
    const added = await tx
      .insert(contactTags)
      .values({ orgId: ctx.orgId, contactId: c.id, tagId: tag.id })
      .onConflictDoNothing()
      .returning();
    if (added.length === 0) return;
    await recordActivity(tx, {
      orgId: ctx.orgId,
      contactId: c.id,
      type: "tag.added",
      ...actedBy(ctx.actor),
      data: { name: tag.name, color: tag.color },
    });
    await emitEvent(tx, "crm/tag.added", {
      orgId: ctx.orgId,
      contactId: c.id,
      tagId: tag.id,
      tagName: tag.name,
      actorId: userIdOf(ctx.actor),
    });
    await emitEvent(tx, "crm/contact.updated", { orgId: ctx.orgId, contactIds: [c.id], actorId: userIdOf(ctx.actor) });
  });
}

export async function untagContact(ctx: Ctx, contactId: unknown, tagId: unknown) {
  requirePermission(ctx.actor, "customers:write");
  await ctx.db.transaction(async (tx) => {
    const c = await loadContact(tx, ctx.orgId, contactId);
    const [tag] = await tx
      .select()
      .from(tags)
      .where(and(eq(tags.id, z.uuid().parse(tagId)), eq(tags.orgId, ctx.orgId)));
    if (!tag) throw new NotFoundError("That tag");
    const removed = await tx
      .delete(contactTags)
      .where(and(eq(contactTags.orgId, ctx.orgId), eq(contactTags.contactId, c.id), eq(contactTags.tagId, tag.id)))
      .returning();
    if (removed.length) {
      await recordActivity(tx, {
        orgId: ctx.orgId,
        contactId: c.id,
        type: "tag.removed",
        ...actedBy(ctx.actor),
        data: { name: tag.name },
      });
      await emitEvent(tx, "crm/contact.updated", {
        orgId: ctx.orgId,
        contactIds: [c.id],
        actorId: userIdOf(ctx.actor),
      });
    }
  });
}

export type BulkUpdateInput = z.input<typeof bulkSchema>;

const bulkSchema = z.discriminatedUnion("op", [
  z.object({
    op: z.literal("tag"),
    ids: z.array(z.uuid()).min(1, "Select at least one customer").max(500),
    tag: tagName,
  }),
  z.object({
    op: z.literal("untag"),
    ids: z.array(z.uuid()).min(1, "Select at least one customer").max(500),
    tag: tagName,
  }),
  z.object({
    op: z.literal("assign"),
    ids: z.array(z.uuid()).min(1, "Select at least one customer").max(500),
    ownerId: z.union([z.uuid(), z.null()]),
  }),
]);

/** Tag, untag or assign many customers at once; ids of other organisations are ignored by the org filter. */
export async function bulkUpdate(ctx: Ctx, input: unknown): Promise<number> {
  requirePermission(ctx.actor, "customers:write");
  const d = bulkSchema.parse(input);
  return ctx.db.transaction(async (tx) => {
    const owned = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.orgId, ctx.orgId), inArray(contacts.id, d.ids)));
    const ids = owned.map((r) => r.id);
    if (ids.length === 0) return 0;
    if (d.op === "assign") {
      if (d.ownerId) await assertTeammate(tx, ctx.orgId, d.ownerId);
      await tx
        .update(contacts)
        .set({ ownerId: d.ownerId, updatedAt: new Date() })
        .where(and(eq(contacts.orgId, ctx.orgId), inArray(contacts.id, ids)));
      await emitEvent(tx, "crm/contact.updated", { orgId: ctx.orgId, contactIds: ids, actorId: userIdOf(ctx.actor) });
      await recordAudit(tx, ctx, {
        action: "customers.bulk_updated",
        target: { label: `${ids.length} customers` },
        data: { op: "assign", ownerId: d.ownerId, customerIds: ids },
      });
      return ids.length;
    }
    const tag = await ensureTag(tx, ctx.orgId, d.tag);
    const changed =
      d.op === "tag"
        ? await tx
            .insert(contactTags)
            .values(ids.map((contactId) => ({ orgId: ctx.orgId, contactId, tagId: tag.id })))
            .onConflictDoNothing()
            .returning()
        : await tx
            .delete(contactTags)
            .where(
              and(eq(contactTags.orgId, ctx.orgId), eq(contactTags.tagId, tag.id), inArray(contactTags.contactId, ids)),
            )
            .returning();
    for (const row of changed) {
      await recordActivity(tx, {
        orgId: ctx.orgId,
        contactId: row.contactId,
        type: d.op === "tag" ? "tag.added" : "tag.removed",
        ...actedBy(ctx.actor),
        data: { name: tag.name, color: tag.color },
      });
    }
    if (d.op === "tag") {
      await emitEvents(
        tx,
        "crm/tag.added",
        changed.map((row) => ({
          orgId: ctx.orgId,
          contactId: row.contactId,
          tagId: tag.id,
          tagName: tag.name,
          actorId: userIdOf(ctx.actor),
        })),
      );
    }
    if (changed.length)
      await emitEvent(tx, "crm/contact.updated", {
        orgId: ctx.orgId,
        contactIds: changed.map((r) => r.contactId),
        actorId: userIdOf(ctx.actor),
      });
    if (changed.length)
      await recordAudit(tx, ctx, {
        action: "customers.bulk_updated",
        target: { label: `${changed.length} customers` },
        data: { op: d.op, tag: tag.name, customerIds: changed.map((r) => r.contactId) },
      });
    return changed.length;
  });
}
