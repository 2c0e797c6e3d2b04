import "server-only";
import { and, count, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { playbookRuns, playbooks, playbookVersions } from "@/db/schema";
import type { Ctx } from "../context";
import { ConflictError, NotFoundError } from "../errors";
import { requirePermission } from "../auth/permissions";
import { PLAYBOOK_STATUSES } from "./constants";
import { graphSchema, type Graph } from "./graph.schema";
import { playbookDetailsSchema, playbookSettingsSchema } from "./playbook.schema";
import { recordAudit } from "../audit/record";
import { assertTriggerSegment } from "./trigger-segment";
import { userIdOf } from "../actors";
import { changedFields } from "../audit/redact";

export type PlaybookRow = typeof playbooks.$inferSelect;

/** A playbook of the caller's organisation; anything else reads as not found. */
export async function loadPlaybook(
  db: DbOrTx,
  orgId: string,
  playbookId: unknown,
  forUpdate = false,
): Promise<PlaybookRow> {
  const id = z.uuid().safeParse(playbookId);
  if (!id.success) throw new NotFoundError("That playbook");
  const q = db
    .select()
    .from(playbooks)
    .where(and(eq(playbooks.id, id.data), eq(playbooks.orgId, orgId)))
    .limit(1);
  const [row] = forUpdate ? await q.for("update") : await q;
  if (!row) throw new NotFoundError("That playbook");
  return row;
}

/** Creates a draft playbook with its first version (a draft too) holding `graph`. */
export async function createPlaybook(
  ctx: Ctx,
  input: unknown,
  graphInput: unknown,
  opts: { key?: string; tx?: DbOrTx } = {},
) {
  requirePermission(ctx.actor, "playbooks:manage");
  const settings = playbookSettingsSchema.parse(input);
  const graph = graphSchema.parse(graphInput);
  const run = async (tx: DbOrTx) => {
    await assertTriggerSegment(tx, ctx.orgId, settings.triggerSegmentId);
    const [pb] = await tx
      .insert(playbooks)
      .values({ orgId: ctx.orgId, key: opts.key ?? null, ...settings })
      .returning();
    await tx
      .insert(playbookVersions)
      .values({ orgId: ctx.orgId, playbookId: pb!.id, number: 1, graph, createdById: userIdOf(ctx.actor) });
    await recordAudit(tx, ctx, {
      action: "playbook.created",
      target: { id: pb!.id, label: pb!.name },
      after: { name: settings.name },
    });
    return pb!;
  };
  return opts.tx ? run(opts.tx) : ctx.db.transaction(run);
}

/** Every setting but the trigger, which has its own form (trigger.ts): a trigger changed meanwhile is kept. */
export async function updatePlaybookDetails(ctx: Ctx, playbookId: unknown, input: unknown) {
  requirePermission(ctx.actor, "playbooks:manage");
  const details = playbookDetailsSchema.parse(input);
  await ctx.db.transaction(async (tx) => {
    const pb = await loadPlaybook(tx, ctx.orgId, playbookId, true);
    await tx
      .update(playbooks)
      .set({ ...details, updatedAt: new Date() })
      .where(and(eq(playbooks.id, pb.id), eq(playbooks.orgId, ctx.orgId)));
    const pick = (p: Record<string, unknown>) => Object.fromEntries(Object.keys(details).map((k) => [k, p[k]]));
    const changed = changedFields(pick(pb), pick(details));
    if (Object.keys(changed.after).length)
      await recordAudit(tx, ctx, {
        action: "playbook.updated",
        target: { id: pb.id, label: details.name },
        ...changed,
      });
  });
}

const statusSchema = z.enum(PLAYBOOK_STATUSES, "Choose a status");

/** Activate / pause / archive. Activating needs a published version: runs are pinned to one. */
export async function setPlaybookStatus(ctx: Ctx, playbookId: unknown, status: unknown) {
  requirePermission(ctx.actor, "playbooks:manage");
  const next = statusSchema.parse(status);
  await ctx.db.transaction(async (tx) => {
    const pb = await loadPlaybook(tx, ctx.orgId, playbookId, true);
    if (next === "active" && !pb.currentVersionId)
      throw new ConflictError("Publish a version before activating this playbook.");
    if (next === "draft" && pb.currentVersionId)
      throw new ConflictError("A published playbook can be paused or archived, not made a draft again.");
    if (next === "archived") {
      const [active] = await tx
        .select({ n: count() })
        .from(playbookRuns)
        .where(
          and(eq(playbookRuns.orgId, ctx.orgId), eq(playbookRuns.playbookId, pb.id), eq(playbookRuns.status, "active")),
        );
      const n = active?.n ?? 0;
      if (n)
        throw new ConflictError(
          `${n} ${n === 1 ? "run is" : "runs are"} still under way: pause the playbook and let ${n === 1 ? "it" : "them"} finish (or cancel ${n === 1 ? "it" : "them"}) before archiving.`,
        );
    }
    await tx
      .update(playbooks)
      .set({ status: next, updatedAt: new Date() })
      .where(and(eq(playbooks.id, pb.id), eq(playbooks.orgId, ctx.orgId)));
    await recordAudit(tx, ctx, {
      action: `playbook.${next === "active" ? "activated" : next}`,
      target: { id: pb.id, label: pb.name },
      before: { status: pb.status },
      after: { status: next },
    });
  });
}

export type { Graph };
