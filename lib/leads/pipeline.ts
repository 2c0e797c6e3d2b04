import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { pipelines, pipelineStages } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import { DEFAULT_STAGES, type RequirableField, type StageKind } from "./constants";
import { DEFAULT_FIT_RULES, DEFAULT_WEIGHTS, type FitRule, type ScoreWeights } from "./scoring";

export type Stage = {
  id: string;
  name: string;
  position: number;
  kind: StageKind;
  probability: number;
  rottingDays: number | null;
  wipLimit: number | null;
  requiredFields: RequirableField[];
};
export type Pipeline = {
  id: string;
  name: string;
  fitRules: FitRule[];
  scoreWeights: ScoreWeights;
  autoMqlScore: number;
  disqualifyScore: number;
  /** Why leads are lost, as offered ("Other" comes after them). */
  lostReasons: string[];
  stages: Stage[];
};

const stageColumns = {
  id: pipelineStages.id,
  name: pipelineStages.name,
  position: pipelineStages.position,
  kind: pipelineStages.kind,
  probability: pipelineStages.probability,
  rottingDays: pipelineStages.rottingDays,
  wipLimit: pipelineStages.wipLimit,
  requiredFields: pipelineStages.requiredFields,
};

/** Creates the organisation's pipeline with the default stages unless it has one. Idempotent. */
export async function ensurePipeline(db: DbOrTx, orgId: string): Promise<string> {
  const [created] = await db
    .insert(pipelines)
    .values({ orgId, fitRules: DEFAULT_FIT_RULES, scoreWeights: DEFAULT_WEIGHTS })
    .onConflictDoNothing({ target: pipelines.orgId })
    .returning({ id: pipelines.id });
  if (created) {
    await db
      .insert(pipelineStages)
      .values(DEFAULT_STAGES.map((s, position) => ({ orgId, pipelineId: created.id, position, ...s })));
    return created.id;
  }
  const [existing] = await db.select({ id: pipelines.id }).from(pipelines).where(eq(pipelines.orgId, orgId)).limit(1);
  return existing!.id;
}

export async function loadPipeline(db: DbOrTx, orgId: string): Promise<Pipeline> {
  // One pipeline per organisation, so both reads go out at once (the board pays one round trip).
  const [[row], stages] = await Promise.all([
    db.select().from(pipelines).where(eq(pipelines.orgId, orgId)).limit(1),
    db
      .select(stageColumns)
      .from(pipelineStages)
      .where(eq(pipelineStages.orgId, orgId))
      .orderBy(asc(pipelineStages.position)),
  ]);
  if (!row) {
    // Organisations made before pipelines existed get theirs on first visit.
    await ensurePipeline(db, orgId);
    return loadPipeline(db, orgId);
  }
  return {
    id: row.id,
    name: row.name,
    fitRules: row.fitRules,
    scoreWeights: row.scoreWeights,
    autoMqlScore: row.autoMqlScore,
    disqualifyScore: row.disqualifyScore,
    lostReasons: row.lostReasons,
    stages,
  };
}

export async function getPipeline(ctx: Ctx): Promise<Pipeline> {
  requirePermission(ctx.actor, "leads:read");
  return loadPipeline(ctx.db, ctx.orgId);
}

/** A stage of this organisation, or null: another org's stage id reads as unknown. */
export async function findStage(db: DbOrTx, orgId: string, stageId: string): Promise<Stage | null> {
  const [row] = await db
    .select(stageColumns)
    .from(pipelineStages)
    .where(and(eq(pipelineStages.id, stageId), eq(pipelineStages.orgId, orgId)))
    .limit(1);
  return row ?? null;
}
