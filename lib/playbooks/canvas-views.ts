import "server-only";
import { and, count, desc, eq, isNotNull, isNull, lt } from "drizzle-orm";
import { z } from "zod";
import { emailTemplates, playbookRuns, playbookVersions, users } from "@/db/schema";
import type { Ctx } from "../context";
import { NotFoundError } from "../errors";
import { requirePermission } from "../auth/permissions";
import { loadPlaybook } from "./playbooks";
import type { DraftGraph } from "./editor/graph-ops";

/**
 * What the read-only canvas shows: for everyone who reads playbooks (reps and staff included).
 * All reads name the organisation in the same statement as the id.
 */

async function templateList(ctx: Ctx) {
  return ctx.db
    .select({ id: emailTemplates.id, name: emailTemplates.name })
    .from(emailTemplates)
    .where(eq(emailTemplates.orgId, ctx.orgId));
}

/** The live version's graph (or the draft when nothing is published yet), read-only. */
export async function getCanvasView(ctx: Ctx, playbookId: unknown) {
  requirePermission(ctx.actor, "playbooks:read");
  const pb = await loadPlaybook(ctx.db, ctx.orgId, playbookId);
  const [v] = await ctx.db
    .select({ id: playbookVersions.id, number: playbookVersions.number, graph: playbookVersions.graph })
    .from(playbookVersions)
    .where(
      and(
        eq(playbookVersions.playbookId, pb.id),
        eq(playbookVersions.orgId, ctx.orgId),
        pb.currentVersionId ? eq(playbookVersions.id, pb.currentVersionId) : isNull(playbookVersions.publishedAt),
      ),
    )
    .limit(1);
  return {
    playbook: { id: pb.id, name: pb.name, trigger: pb.trigger },
    version: v ? { id: v.id, number: v.number, live: !!pb.currentVersionId } : null,
    graph: (v?.graph ?? { nodes: [], edges: [] }) as DraftGraph,
    templates: await templateList(ctx),
  };
}
export type CanvasView = Awaited<ReturnType<typeof getCanvasView>>;

/** Before publishing: the live graph to diff against and how many runs are still under way on it. */
export async function getPublishPreview(ctx: Ctx, playbookId: unknown) {
  requirePermission(ctx.actor, "playbooks:manage");
  const pb = await loadPlaybook(ctx.db, ctx.orgId, playbookId);
  if (!pb.currentVersionId) return { live: null, runsInFlight: 0 };
  const [live] = await ctx.db
    .select({ number: playbookVersions.number, graph: playbookVersions.graph })
    .from(playbookVersions)
    .where(and(eq(playbookVersions.id, pb.currentVersionId), eq(playbookVersions.orgId, ctx.orgId)));
  const [runs] = await ctx.db
    .select({ n: count() })
    .from(playbookRuns)
    .where(
      and(
        eq(playbookRuns.orgId, ctx.orgId),
        eq(playbookRuns.versionId, pb.currentVersionId),
        eq(playbookRuns.status, "active"),
      ),
    );
  return {
    live: live ? { number: live.number, graph: live.graph as DraftGraph } : null,
    runsInFlight: runs?.n ?? 0,
  };
}

/** One version, read-only, with the published version before it (by number) to diff against. */
export async function getVersionView(ctx: Ctx, playbookId: unknown, versionId: unknown) {
  requirePermission(ctx.actor, "playbooks:read");
  const pb = await loadPlaybook(ctx.db, ctx.orgId, playbookId);
  const vid = z.uuid().safeParse(versionId);
  if (!vid.success) throw new NotFoundError("That version");
  const [v] = await ctx.db
    .select({
      id: playbookVersions.id,
      number: playbookVersions.number,
      graph: playbookVersions.graph,
      note: playbookVersions.note,
      publishedAt: playbookVersions.publishedAt,
      author: users.name,
    })
    .from(playbookVersions)
    .leftJoin(users, eq(users.id, playbookVersions.createdById))
    .where(
      and(
        eq(playbookVersions.id, vid.data),
        eq(playbookVersions.playbookId, pb.id),
        eq(playbookVersions.orgId, ctx.orgId),
      ),
    )
    .limit(1);
  if (!v) throw new NotFoundError("That version");
  const [previous] = await ctx.db
    .select({ id: playbookVersions.id, number: playbookVersions.number, graph: playbookVersions.graph })
    .from(playbookVersions)
    .where(
      and(
        eq(playbookVersions.playbookId, pb.id),
        eq(playbookVersions.orgId, ctx.orgId),
        isNotNull(playbookVersions.publishedAt),
        lt(playbookVersions.number, v.number),
      ),
    )
    .orderBy(desc(playbookVersions.number))
    .limit(1);
  return {
    playbook: { id: pb.id, name: pb.name },
    version: {
      id: v.id,
      number: v.number,
      note: v.note,
      publishedAt: v.publishedAt?.toISOString() ?? null,
      author: v.author ?? null,
      current: v.id === pb.currentVersionId,
      graph: v.graph as DraftGraph,
    },
    previous: previous ? { number: previous.number, graph: previous.graph as DraftGraph } : null,
    templates: await templateList(ctx),
  };
}
export type VersionView = Awaited<ReturnType<typeof getVersionView>>;
