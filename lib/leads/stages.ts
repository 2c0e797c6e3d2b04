import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record";
import { changedFields } from "../audit/redact";
import { leads, pipelines, pipelineStages } from "@/db/schema";
import type { DbOrTx } from "@/db/client";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import { NotFoundError, ValidationError } from "../errors";
import { ensurePipeline, loadPipeline } from "./pipeline";
import { rankBetween } from "./rank";
import {
  deleteStageSchema,
  reorderStagesSchema,
  scoringSchema,
  stageFieldsSchema,
  updateStageSchema,
} from "./stage.schema";
import { recomputeLeadScore } from "./score-service";
import { applyStageChange } from "./stage-change";
import { emitEvent } from "../events/emit";

function toRow(data: ReturnType<typeof stageFieldsSchema.parse>) {
  return {
    name: data.name,
    kind: data.kind,
    probability: data.probability,
    rottingDays: data.rottingDays === "" ? null : data.rottingDays,
    wipLimit: data.wipLimit === "" ? null : data.wipLimit,
    requiredFields: [...new Set(data.requiredFields)],
  };
}

async function assertUniqueName(tx: DbOrTx, ctx: Ctx, name: string, exceptId?: string) {
  const pipeline = await loadPipeline(tx, ctx.orgId);
  if (pipeline.stages.some((s) => s.id !== exceptId && s.name.toLowerCase() === name.toLowerCase())) {
    throw new ValidationError({ name: `Name: there is already a stage called ${name}` });
  }
  return pipeline;
}

export async function addStage(ctx: Ctx, input: unknown) {
  requirePermission(ctx.actor, "pipeline:manage");
  const data = stageFieldsSchema.parse(input);
  return ctx.db.transaction(async (tx) => {
    const pipeline = await assertUniqueName(tx, ctx, data.name);
    const position = Math.max(-1, ...pipeline.stages.map((s) => s.position)) + 1;
    const [row] = await tx
      .insert(pipelineStages)
      .values({ orgId: ctx.orgId, pipelineId: pipeline.id, position, ...toRow(data) })
      .returning({ id: pipelineStages.id });
    await recordAudit(tx, ctx, {
      action: "pipeline.stage_added",
      target: { id: row!.id, label: data.name },
      after: toRow(data),
    });
    return row!.id;
  });
}

export async function updateStage(ctx: Ctx, input: unknown) {
  requirePermission(ctx.actor, "pipeline:manage");
  const { id, ...data } = updateStageSchema.parse(input);
  return ctx.db.transaction(async (tx) => {
    const pipeline = await assertUniqueName(tx, ctx, data.name, id);
    const old = pipeline.stages.find((s) => s.id === id);
    const [row] = await tx
      .update(pipelineStages)
      .set(toRow(data))
      .where(and(eq(pipelineStages.id, id), eq(pipelineStages.orgId, ctx.orgId)))
      .returning({ id: pipelineStages.id });
    if (!row) throw new NotFoundError("That stage");
    const next = toRow(data);
    const prev = old ? Object.fromEntries(Object.keys(next).map((k) => [k, old[k as keyof typeof old]])) : {};
    await recordAudit(tx, ctx, {
      action: "pipeline.stage_updated",
      target: { id, label: data.name },
      ...changedFields(prev, next),
    });
  });
}

export async function reorderStages(ctx: Ctx, input: unknown) {
  requirePermission(ctx.actor, "pipeline:manage");
  const { ids } = reorderStagesSchema.parse(input);
  return ctx.db.transaction(async (tx) => {
    const pipeline = await loadPipeline(tx, ctx.orgId);
    const current = pipeline.stages.map((s) => s.id).sort();
    if (ids.length !== current.length || [...ids].sort().some((id, i) => id !== current[i]))
      throw new NotFoundError("One of those stages");
    for (const [position, id] of ids.entries()) {
      await tx
        .update(pipelineStages)
        .set({ position })
        .where(and(eq(pipelineStages.id, id), eq(pipelineStages.orgId, ctx.orgId)));
    }
    await recordAudit(tx, ctx, {
      action: "pipeline.stages_reordered",
      target: { id: pipeline.id },
      before: { order: pipeline.stages.map((s) => s.name) },
      after: { order: ids.map((i) => pipeline.stages.find((s) => s.id === i)?.name ?? i) },
    });
  });
}

/** Deletes a stage after moving its leads (in order, after the target's last card) to another stage. */
export async function deleteStage(ctx: Ctx, input: unknown) {
  requirePermission(ctx.actor, "pipeline:manage");
  const { id, moveToStageId } = deleteStageSchema.parse(input);
  if (id === moveToStageId) throw new ValidationError({ moveToStageId: "Move leads to: choose a different stage" });
  return ctx.db.transaction(async (tx) => {
    const pipeline = await loadPipeline(tx, ctx.orgId);
    const stage = pipeline.stages.find((s) => s.id === id);
    if (!stage) throw new NotFoundError("That stage");
    const target = pipeline.stages.find((s) => s.id === moveToStageId);
    if (!target) throw new ValidationError({ moveToStageId: "Move leads to: choose a stage of this pipeline" });
    if (pipeline.stages.length <= 2) throw new ValidationError({ id: "A pipeline needs at least two stages" });
    const moving = await tx
      .select()
      .from(leads)
      .where(and(eq(leads.orgId, ctx.orgId), eq(leads.stageId, id)))
      .orderBy(asc(leads.rank))
      .for("update");
    const [last] = await tx
      .select({ rank: sql<string>`max(${leads.rank})` })
      .from(leads)
      .where(and(eq(leads.orgId, ctx.orgId), eq(leads.stageId, target.id)));
    let rank = last?.rank ?? null;
    // Each lead moves like a drag would: history, timeline entry and events included.
    for (const lead of moving) {
      rank = rankBetween(rank, null);
      await applyStageChange(tx, {
        orgId: ctx.orgId,
        actor: ctx.actor,
        lead,
        from: stage,
        to: target,
        rank,
        reason: `Stage ${stage.name} was deleted`,
      });
    }
    await tx.delete(pipelineStages).where(and(eq(pipelineStages.id, id), eq(pipelineStages.orgId, ctx.orgId)));
    const rest = pipeline.stages.filter((s) => s.id !== id);
    for (const [position, s] of rest.entries())
      await tx
        .update(pipelineStages)
        .set({ position })
        .where(and(eq(pipelineStages.id, s.id), eq(pipelineStages.orgId, ctx.orgId)));
    await recordAudit(tx, ctx, {
      action: "pipeline.stage_deleted",
      target: { id, label: stage.name },
      before: { name: stage.name, kind: stage.kind },
      data: { movedTo: target.name, leads: moving.length },
    });
    return moving.length;
  });
}

const INLINE_RECOMPUTE_LIMIT = 2000;

/** Saves weights, thresholds and fit rules, then recomputes scores (inline for small orgs, by event otherwise). */
export async function updateScoring(ctx: Ctx, input: unknown): Promise<{ recomputed: number | "queued" }> {
  requirePermission(ctx.actor, "pipeline:manage");
  const data = scoringSchema.parse(input);
  return ctx.db.transaction(async (tx) => {
    await ensurePipeline(tx, ctx.orgId);
    const scoringOf = (p: typeof pipelines.$inferSelect) => ({
      scoreWeights: p.scoreWeights,
      autoMqlScore: p.autoMqlScore,
      disqualifyScore: p.disqualifyScore,
      fitRules: p.fitRules,
    });
    const [old] = await tx.select().from(pipelines).where(eq(pipelines.orgId, ctx.orgId)).for("update");
    const [row] = await tx
      .update(pipelines)
      .set({
        scoreWeights: { fit: data.fitWeight, engagement: data.engagementWeight },
        autoMqlScore: data.autoMqlScore,
        disqualifyScore: data.disqualifyScore,
        fitRules: data.fitRules,
      })
      .where(eq(pipelines.orgId, ctx.orgId))
      .returning();
    if (!row || !old) throw new NotFoundError("The pipeline");
    await recordAudit(tx, ctx, {
      action: "pipeline.scoring_updated",
      target: { id: row.id },
      ...changedFields(scoringOf(old), scoringOf(row)),
    });
    const open = await tx
      .select({ id: leads.id })
      .from(leads)
      .where(and(eq(leads.orgId, ctx.orgId), eq(leads.status, "open")));
    if (open.length > INLINE_RECOMPUTE_LIMIT) {
      await emitEvent(tx, "crm/lead.score_inputs_changed", { orgId: ctx.orgId });
      return { recomputed: "queued" as const };
    }
    const pipeline = await loadPipeline(tx, ctx.orgId);
    for (const l of open) await recomputeLeadScore(tx, ctx.orgId, l.id, { pipeline });
    return { recomputed: open.length };
  });
}
