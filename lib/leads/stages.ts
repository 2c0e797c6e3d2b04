import { and, asc, eq, sql } from "drizzle-orm";
import type { AuditAction } from "../audit/actions";
import { recordAudit } from "../audit/record";
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

async function audit(tx: DbOrTx, ctx: Ctx, action: AuditAction, targetId: string, data: Record<string, unknown>) {
  await recordAudit(tx, ctx, {
    action,
    target: { id: targetId, label: typeof data.name === "string" ? data.name : "" },
    data,
  });
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
    await audit(tx, ctx, "pipeline.stage_added", row!.id, { name: data.name });
    return row!.id;
  });
}

export async function updateStage(ctx: Ctx, input: unknown) {
  requirePermission(ctx.actor, "pipeline:manage");
  const { id, ...data } = updateStageSchema.parse(input);
  return ctx.db.transaction(async (tx) => {
    await assertUniqueName(tx, ctx, data.name, id);
    const [row] = await tx
      .update(pipelineStages)
      .set(toRow(data))
      .where(and(eq(pipelineStages.id, id), eq(pipelineStages.orgId, ctx.orgId)))
      .returning({ id: pipelineStages.id });
    if (!row) throw new NotFoundError("That stage");
    await audit(tx, ctx, "pipeline.stage_updated", id, { name: data.name });
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
    await audit(tx, ctx, "pipeline.stages_reordered", pipeline.id, { ids });
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
    await audit(tx, ctx, "pipeline.stage_deleted", id, {
      name: stage.name,
      movedTo: target.name,
      leads: moving.length,
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
    const [row] = await tx
      .update(pipelines)
      .set({
        scoreWeights: { fit: data.fitWeight, engagement: data.engagementWeight },
        autoMqlScore: data.autoMqlScore,
        disqualifyScore: data.disqualifyScore,
        fitRules: data.fitRules,
      })
      .where(eq(pipelines.orgId, ctx.orgId))
      .returning({ id: pipelines.id });
    if (!row) throw new NotFoundError("The pipeline");
    await recordAudit(tx, ctx, { action: "pipeline.scoring_updated", target: { id: row.id }, data: {} });
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
