import { and, eq, gte, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { activities, leads } from "@/db/schema";
import { computeScore, ENGAGEMENT_POINTS, type ScoreBreakdown } from "./scoring";
import { loadPipeline, type Pipeline } from "./pipeline";
import { applyStageChange } from "./stage-change";
import { systemActor } from "../actors";

const LOOKBACK_DAYS = 180;

/**
 * Recomputes one lead's score from its fields, its contact's engagement and the org's rules, and
 * applies the New → MQL threshold. Runs inside the caller's transaction.
 */
export async function recomputeLeadScore(
  tx: DbOrTx,
  orgId: string,
  leadId: string,
  options: { now?: Date; pipeline?: Pipeline } = {},
): Promise<ScoreBreakdown | null> {
  const now = options.now ?? new Date();
  const [lead] = await tx
    .select()
    .from(leads)
    .where(and(eq(leads.id, leadId), eq(leads.orgId, orgId)))
    .limit(1)
    .for("update");
  if (!lead) return null;
  const pipeline = options.pipeline ?? (await loadPipeline(tx, orgId));
  const engagement = lead.contactId
    ? await tx
        .select({ type: activities.type, occurredAt: activities.occurredAt })
        .from(activities)
        .where(
          and(
            eq(activities.orgId, orgId),
            eq(activities.contactId, lead.contactId),
            inArray(activities.type, Object.keys(ENGAGEMENT_POINTS)),
            gte(activities.occurredAt, new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000)),
          ),
        )
    : [];
  const breakdown = computeScore({ lead, rules: pipeline.fitRules, weights: pipeline.scoreWeights, engagement, now });
  await tx
    .update(leads)
    .set({ score: breakdown.score, scoreBreakdown: breakdown })
    .where(and(eq(leads.id, leadId), eq(leads.orgId, orgId)));

  const [first, second] = pipeline.stages;
  if (
    first &&
    second &&
    second.kind === "open" &&
    lead.stageId === first.id &&
    lead.status === "open" &&
    breakdown.score >= pipeline.autoMqlScore
  ) {
    await applyStageChange(tx, {
      orgId,
      actor: systemActor("lead_scoring"),
      lead: { ...lead, score: breakdown.score },
      from: first,
      to: second,
      reason: `Score ${breakdown.score} reached ${pipeline.autoMqlScore}`,
    });
  }
  return breakdown;
}
