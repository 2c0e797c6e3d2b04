import "server-only";
import { and, desc, eq, isNull, max, sql } from "drizzle-orm";
import { z } from "zod";
import { playbooks, playbookVersions, users } from "@/db/schema";
import type { DbOrTx } from "@/db/client";
import type { Ctx } from "../context";
import { ConflictError, NotFoundError } from "../errors";
import { requirePermission } from "../auth/permissions";
import { graphSchema } from "./graph.schema";
import { loadPlaybook } from "./playbooks";
import { recordAudit } from "../audit/record";
import { userIdOf } from "../actors";

async function draftOf(tx: DbOrTx, orgId: string, playbookId: string) {
  const [d] = await tx
    .select()
    .from(playbookVersions)
    .where(
      and(
        eq(playbookVersions.playbookId, playbookId),
        eq(playbookVersions.orgId, orgId),
        isNull(playbookVersions.publishedAt),
      ),
    )
    .limit(1);
  return d;
}

async function nextNumber(tx: DbOrTx, playbookId: string) {
  const [r] = await tx
    .select({ n: max(playbookVersions.number) })
    .from(playbookVersions)
    .where(eq(playbookVersions.playbookId, playbookId));
  return (r?.n ?? 0) + 1;
}

/** Editing writes the draft version (creating it if none); published versions never change. */
export async function saveDraft(
  ctx: Ctx,
  playbookId: unknown,
  graphInput: unknown,
  note = "",
  restoredFrom: number | null = null,
) {
  requirePermission(ctx.actor, "playbooks:manage");
  const graph = graphSchema.parse(graphInput);
  return ctx.db.transaction(async (tx) => {
    const pb = await loadPlaybook(tx, ctx.orgId, playbookId, true);
    const draft = await draftOf(tx, ctx.orgId, pb.id);
    if (draft) {
      await tx
        .update(playbookVersions)
        .set({
          graph,
          note,
          createdById: userIdOf(ctx.actor),
          revision: sql`${playbookVersions.revision} + 1`,
          updatedAt: new Date(),
        })
        .where(and(eq(playbookVersions.id, draft.id), eq(playbookVersions.orgId, ctx.orgId)));
      if (restoredFrom !== null)
        await recordAudit(tx, ctx, {
          action: "playbook.version_restored",
          target: { id: pb.id, label: pb.name },
          data: { number: draft.number, restoredFrom },
        });
      return { versionId: draft.id, number: draft.number };
    }
    const [v] = await tx
      .insert(playbookVersions)
      .values({
        orgId: ctx.orgId,
        playbookId: pb.id,
        number: await nextNumber(tx, pb.id),
        graph,
        note,
        createdById: userIdOf(ctx.actor),
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: restoredFrom === null ? "playbook.draft_created" : "playbook.version_restored",
      target: { id: pb.id, label: pb.name },
      data: restoredFrom === null ? { number: v!.number } : { number: v!.number, restoredFrom },
    });
    return { versionId: v!.id, number: v!.number };
  });
}

/** The draft becomes the current version. Runs already under way keep the version they started on. */
export async function publishDraft(ctx: Ctx, playbookId: unknown, now = new Date()) {
  requirePermission(ctx.actor, "playbooks:manage");
  return ctx.db.transaction(async (tx) => {
    const pb = await loadPlaybook(tx, ctx.orgId, playbookId, true);
    const draft = await draftOf(tx, ctx.orgId, pb.id);
    if (!draft) throw new ConflictError("There is no draft to publish.");
    graphSchema.parse(draft.graph);
    await tx
      .update(playbookVersions)
      .set({ publishedAt: now })
      .where(and(eq(playbookVersions.id, draft.id), eq(playbookVersions.orgId, ctx.orgId)));
    await tx
      .update(playbooks)
      .set({ currentVersionId: draft.id, updatedAt: now })
      .where(and(eq(playbooks.id, pb.id), eq(playbooks.orgId, ctx.orgId)));
    await recordAudit(tx, ctx, {
      action: "playbook.published",
      target: { id: pb.id, label: pb.name },
      before: { currentVersionId: pb.currentVersionId },
      after: { currentVersionId: draft.id },
      data: { number: draft.number },
    });
    return { versionId: draft.id, number: draft.number };
  });
}

/** An older version's graph becomes the draft (replacing any draft); publishing it is a separate step. */
export async function restoreVersionAsDraft(ctx: Ctx, playbookId: unknown, versionId: unknown) {
  requirePermission(ctx.actor, "playbooks:manage");
  const vid = z.uuid().safeParse(versionId);
  if (!vid.success) throw new NotFoundError("That version");
  const pb = await loadPlaybook(ctx.db, ctx.orgId, playbookId);
  const [old] = await ctx.db
    .select()
    .from(playbookVersions)
    .where(
      and(
        eq(playbookVersions.id, vid.data),
        eq(playbookVersions.playbookId, pb.id),
        eq(playbookVersions.orgId, ctx.orgId),
      ),
    )
    .limit(1);
  if (!old) throw new NotFoundError("That version");
  return saveDraft(ctx, pb.id, old.graph, `Restored from version ${old.number}`, old.number);
}

export async function listVersions(ctx: Ctx, playbookId: unknown) {
  requirePermission(ctx.actor, "playbooks:read");
  const pb = await loadPlaybook(ctx.db, ctx.orgId, playbookId);
  const rows = await ctx.db
    .select({
      id: playbookVersions.id,
      number: playbookVersions.number,
      note: playbookVersions.note,
      createdAt: playbookVersions.createdAt,
      publishedAt: playbookVersions.publishedAt,
      author: users.name,
    })
    .from(playbookVersions)
    .leftJoin(users, eq(users.id, playbookVersions.createdById))
    .where(and(eq(playbookVersions.playbookId, pb.id), eq(playbookVersions.orgId, ctx.orgId)))
    .orderBy(desc(playbookVersions.number));
  return rows.map((r) => ({ ...r, current: r.id === pb.currentVersionId }));
}

export async function loadVersion(db: DbOrTx, orgId: string, versionId: string) {
  const [v] = await db
    .select()
    .from(playbookVersions)
    .where(and(eq(playbookVersions.id, versionId), eq(playbookVersions.orgId, orgId)))
    .limit(1);
  if (!v) throw new NotFoundError("That version");
  return v;
}
