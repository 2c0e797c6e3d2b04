import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record";
import { changedFields } from "@/lib/audit/redact";
import { z } from "zod";
import { segments } from "@/db/schema";
import type { DbOrTx } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { requirePermission } from "@/lib/auth/permissions";
import { isUniqueViolation } from "@/lib/db-errors";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { isTimeRelative } from "./compile";
import { segmentInputSchema } from "./criteria.schema";
import { refreshSegment } from "./membership";
import { segmentUsages } from "./usages";
import "./usage-sources";
import { userIdOf } from "@/lib/actors";
import { validateCriteria } from "./validate";

export type SegmentRow = typeof segments.$inferSelect;

const segmentId = z.uuid("That segment was not found.");

export async function listSegments(ctx: Ctx) {
  requirePermission(ctx.actor, "segments:read");
  return ctx.db
    .select({
      id: segments.id,
      name: segments.name,
      description: segments.description,
      kind: segments.kind,
      memberCount: segments.memberCount,
      refreshedAt: segments.refreshedAt,
      updatedAt: segments.updatedAt,
    })
    .from(segments)
    .where(eq(segments.orgId, ctx.orgId))
    .orderBy(asc(sql`lower(${segments.name})`));
}

/** The org filter is in the same statement as the id: another organisation's segment is not found. */
export async function loadSegment(db: DbOrTx, orgId: string, id: unknown): Promise<SegmentRow> {
  const parsed = segmentId.safeParse(id);
  if (!parsed.success) throw new NotFoundError("That segment");
  const [row] = await db
    .select()
    .from(segments)
    .where(and(eq(segments.id, parsed.data), eq(segments.orgId, orgId)))
    .limit(1);
  if (!row) throw new NotFoundError("That segment");
  return row;
}

export async function getSegment(ctx: Ctx, id: unknown) {
  requirePermission(ctx.actor, "segments:read");
  return loadSegment(ctx.db, ctx.orgId, id);
}

function parseInput(input: unknown) {
  const d = segmentInputSchema.omit({ criteria: true }).extend({ criteria: z.unknown().optional() }).parse(input);
  if (d.kind === "static") return { ...d, criteria: null };
  if (d.criteria === undefined) throw new ValidationError({ criteria: "Add at least one condition" });
  return { ...d, criteria: validateCriteria(d.criteria) };
}

const nameTaken = () => new ValidationError({ name: "Another segment already has this name" });

export async function createSegment(ctx: Ctx, input: unknown, now = new Date()): Promise<SegmentRow> {
  requirePermission(ctx.actor, "segments:manage");
  const d = parseInput(input);
  let row: SegmentRow;
  try {
    row = await ctx.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(segments)
        .values({
          orgId: ctx.orgId,
          name: d.name,
          description: d.description,
          kind: d.kind,
          criteria: d.criteria,
          timeRelative: d.criteria ? isTimeRelative(d.criteria) : false,
          createdById: userIdOf(ctx.actor),
        })
        .returning();
      await recordAudit(tx, ctx, {
        action: "segment.created",
        target: { id: created!.id, label: d.name },
        after: { name: d.name, kind: d.kind, description: d.description, criteria: d.criteria },
      });
      return created!;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken();
    throw e;
  }
  if (row.kind === "dynamic") await refreshSegment(ctx.db, ctx.orgId, row.id, now);
  return loadSegment(ctx.db, ctx.orgId, row.id);
}

/** The kind is fixed at creation. Changing the criteria recomputes membership (and announces who entered or left). */
export async function updateSegment(ctx: Ctx, id: unknown, input: unknown, now = new Date()): Promise<SegmentRow> {
  requirePermission(ctx.actor, "segments:manage");
  const existing = await loadSegment(ctx.db, ctx.orgId, id);
  const d = parseInput({ ...(input as object), kind: existing.kind });
  try {
    await ctx.db.transaction(async (tx) => {
      await tx
        .update(segments)
        .set({
          name: d.name,
          description: d.description,
          criteria: d.criteria,
          timeRelative: d.criteria ? isTimeRelative(d.criteria) : false,
          updatedAt: now,
        })
        .where(and(eq(segments.id, existing.id), eq(segments.orgId, ctx.orgId)));
      const fields = (s: { name: string; description: string | null; criteria: unknown }) => ({
        name: s.name,
        description: s.description,
        criteria: s.criteria,
      });
      await recordAudit(tx, ctx, {
        action: "segment.updated",
        target: { id: existing.id, label: d.name },
        ...changedFields(fields(existing), fields(d)),
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken();
    throw e;
  }
  if (existing.kind === "dynamic") await refreshSegment(ctx.db, ctx.orgId, existing.id, now);
  return loadSegment(ctx.db, ctx.orgId, existing.id);
}

/** A dynamic copy starts with the same criteria; a static copy with the same members. */
export async function duplicateSegment(ctx: Ctx, id: unknown, now = new Date()): Promise<SegmentRow> {
  requirePermission(ctx.actor, "segments:manage");
  const source = await loadSegment(ctx.db, ctx.orgId, id);
  const taken = new Set(
    (await ctx.db.select({ name: segments.name }).from(segments).where(eq(segments.orgId, ctx.orgId))).map((s) =>
      s.name.toLowerCase(),
    ),
  );
  let name = `${source.name} (copy)`.slice(0, 80);
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${source.name} (copy ${n})`.slice(0, 80);
  const copy = await createSegment(
    ctx,
    { name, description: source.description, kind: source.kind, criteria: source.criteria ?? undefined },
    now,
  );
  if (source.kind === "static") {
    await ctx.db.execute(
      sql`insert into segment_members (org_id, segment_id, contact_id) select org_id, ${copy.id}::uuid, contact_id from segment_members where org_id = ${ctx.orgId}::uuid and segment_id = ${source.id}::uuid`,
    );
    await ctx.db
      .update(segments)
      .set({ memberCount: source.memberCount })
      .where(and(eq(segments.id, copy.id), eq(segments.orgId, ctx.orgId)));
  }
  return loadSegment(ctx.db, ctx.orgId, copy.id);
}

/** Refused while a playbook or campaign uses the segment: they would lose their audience silently. */
export async function deleteSegment(ctx: Ctx, id: unknown): Promise<void> {
  requirePermission(ctx.actor, "segments:manage");
  await ctx.db.transaction(async (tx) => {
    const seg = await loadSegment(tx, ctx.orgId, id);
    const usages = await segmentUsages(tx, ctx.orgId, seg.id);
    if (usages.length) {
      throw new ConflictError(
        `“${seg.name}” is used by ${usages.map((u) => `${u.kind} “${u.name}”`).join(", ")}. Remove it there first.`,
      );
    }
    await tx.delete(segments).where(and(eq(segments.id, seg.id), eq(segments.orgId, ctx.orgId)));
    await recordAudit(tx, ctx, {
      action: "segment.deleted",
      target: { id: seg.id, label: seg.name },
      before: { name: seg.name, kind: seg.kind, description: seg.description, criteria: seg.criteria },
    });
  });
}
