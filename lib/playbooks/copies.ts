import "server-only";
import { and, desc, eq, isNull, or } from "drizzle-orm";
import { z } from "zod";
import { playbooks, playbookVersions } from "@/db/schema";
import type { Ctx } from "../context";
import { NotFoundError } from "../errors";
import { requirePermission } from "../auth/permissions";
import { userIdOf } from "../actors";
import { recordAudit } from "../audit/record";
import { ensureEmailDefaults } from "../email/topics";
import type { Graph } from "./graph.schema";
import { loadPlaybook } from "./playbooks";
import { DEFAULT_PLAYBOOKS } from "./defaults";
import { builtInGraph, builtInReentry } from "./install";
import { draftGraphSchema } from "./editor/graph-ops";

/**
 * New playbooks made from existing ones: a duplicate of one of the organisation's playbooks, or a
 * fresh copy of a built-in. Either starts as a draft (not active, nothing published) with its
 * steps in version 1's draft, ready for the editor.
 */

const MAX_NAME = 120;

const duplicateSchema = z.object({ graph: draftGraphSchema.optional() });

/**
 * "Copy of …": the draft (what the owner is working on) if there is one, else the live version; or
 * `graph`, the editor's own steps, when its save was refused because someone else changed the draft.
 */
export async function duplicatePlaybook(ctx: Ctx, playbookId: unknown, input: unknown = {}) {
  requirePermission(ctx.actor, "playbooks:manage");
  const { graph: own } = duplicateSchema.parse(input);
  return ctx.db.transaction(async (tx) => {
    const src = await loadPlaybook(tx, ctx.orgId, playbookId);
    const [version] = await tx
      .select({ graph: playbookVersions.graph, number: playbookVersions.number })
      .from(playbookVersions)
      .where(
        and(
          eq(playbookVersions.playbookId, src.id),
          eq(playbookVersions.orgId, ctx.orgId),
          src.currentVersionId
            ? or(isNull(playbookVersions.publishedAt), eq(playbookVersions.id, src.currentVersionId))
            : isNull(playbookVersions.publishedAt),
        ),
      )
      .orderBy(desc(playbookVersions.publishedAt)) // descending puts nulls first: the draft wins over the live version
      .limit(1);
    const name = `Copy of ${src.name}`.slice(0, MAX_NAME);
    const [pb] = await tx
      .insert(playbooks)
      .values({
        orgId: ctx.orgId,
        name,
        description: src.description,
        trigger: src.trigger,
        triggerSegmentId: src.triggerSegmentId,
        marketing: src.marketing,
        reentry: src.reentry,
        reentryDays: src.reentryDays,
        exitEvents: src.exitEvents,
      })
      .returning({ id: playbooks.id });
    await tx.insert(playbookVersions).values({
      orgId: ctx.orgId,
      playbookId: pb!.id,
      number: 1,
      graph: (own ?? version?.graph ?? { nodes: [], edges: [] }) as Graph,
      note: own
        ? `Copied from ${src.name} (edits kept when the draft was changed meanwhile)`
        : `Copied from ${src.name}${version ? ` (version ${version.number})` : ""}`,
      createdById: userIdOf(ctx.actor),
    });
    await recordAudit(tx, ctx, {
      action: "playbook.duplicated",
      target: { id: pb!.id, label: name },
      after: { name },
      data: { fromPlaybookId: src.id, fromVersion: own ? null : (version?.number ?? null), ownEdits: !!own },
    });
    return { id: pb!.id, name };
  });
}

export const BUILT_IN_KEYS = DEFAULT_PLAYBOOKS.map((d) => d.key) as [string, ...string[]];
const fromBuiltInSchema = z.object({ key: z.enum(BUILT_IN_KEYS, "Choose one of the built-in playbooks") });

/** A new draft playbook with a built-in's trigger, settings and steps (its email templates made if missing). */
export async function createFromBuiltIn(ctx: Ctx, input: unknown) {
  requirePermission(ctx.actor, "playbooks:manage");
  const { key } = fromBuiltInSchema.parse(input);
  const d = DEFAULT_PLAYBOOKS.find((x) => x.key === key);
  if (!d) throw new NotFoundError("That built-in playbook");
  await ensureEmailDefaults(ctx.db, ctx.orgId);
  const graph = await builtInGraph(ctx, d);
  return ctx.db.transaction(async (tx) => {
    const [pb] = await tx
      .insert(playbooks)
      .values({
        orgId: ctx.orgId,
        name: d.name,
        description: d.description,
        trigger: d.trigger,
        marketing: d.marketing,
        ...builtInReentry(d.key),
        exitEvents: d.exitEvents,
      })
      .returning({ id: playbooks.id });
    await tx.insert(playbookVersions).values({
      orgId: ctx.orgId,
      playbookId: pb!.id,
      number: 1,
      graph,
      note: `From the built-in “${d.name}”`,
      createdById: userIdOf(ctx.actor),
    });
    await recordAudit(tx, ctx, {
      action: "playbook.created",
      target: { id: pb!.id, label: d.name },
      after: { name: d.name },
      data: { builtIn: d.key },
    });
    return { id: pb!.id, name: d.name };
  });
}
