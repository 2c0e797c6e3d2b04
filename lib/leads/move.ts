import "server-only";
import { and, asc, desc, eq, gt, lt, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { leads } from "@/db/schema";
import type { Ctx } from "../context";
import { ValidationError } from "../errors";
import { isUniqueViolation } from "../db-errors";
import { lockEditableLeads } from "./access";
import { bulkMoveSchema, moveLeadSchema, toMinorUnits, type EntryFields } from "./lead.schema";
import { findStage } from "./pipeline";
import { rankBetween } from "./rank";
import { assertRequiredFields } from "./required-fields";
import { applyStageChange } from "./stage-change";
import { assertLostReason, lostReasonsOf } from "./lost-reasons";

export type MovedLead = { id: string; stageId: string; rank: string; status: string };

/**
 * Moves a card to a stage, after `afterId` (or before `beforeId`, or to the end). The
 * neighbours' ranks are re-read here, so a stale board still lands the card where it was
 * dropped relative to them. The lead row is locked, so two moves of one card apply in turn
 * and both appear in its stage history.
 */
export async function moveLead(ctx: Ctx, input: unknown): Promise<MovedLead> {
  const data = moveLeadSchema.parse(input);
  return withRankRetry(() =>
    ctx.db.transaction(async (tx) => {
      const [lead] = await lockEditableLeads(tx, ctx, [data.leadId]);
      const to = await findStage(tx, ctx.orgId, data.toStageId);
      if (!to) throw new ValidationError({ toStageId: "Stage: choose a stage of this pipeline" });
      const from = (await findStage(tx, ctx.orgId, lead!.stageId))!;
      const patch = entryPatch(data.fields);
      if (patch.lostReason) assertLostReason(await lostReasonsOf(tx, ctx.orgId), patch.lostReason, patch.lostNote);
      if (to.id !== from.id) assertRequiredFields(to, { ...lead!, ...patch });
      const rank = await rankFor(tx, ctx.orgId, to.id, lead!.id, data.afterId ?? null, data.beforeId ?? null);
      const moved = await applyStageChange(tx, {
        orgId: ctx.orgId,
        actor: ctx.actor,
        lead: lead!,
        from,
        to,
        rank,
        patch,
      });
      return { id: moved.id, stageId: moved.stageId, rank: moved.rank, status: moved.status };
    }),
  );
}

/** Moves several selected cards to the top of one stage, keeping their relative order. */
export async function bulkMoveLeads(ctx: Ctx, input: unknown): Promise<number> {
  const data = bulkMoveSchema.parse(input);
  return withRankRetry(() =>
    ctx.db.transaction(async (tx) => {
      const rows = await lockEditableLeads(tx, ctx, data.ids);
      const to = await findStage(tx, ctx.orgId, data.toStageId);
      if (!to) throw new ValidationError({ toStageId: "Stage: choose a stage of this pipeline" });
      const patch = entryPatch(data.fields);
      if (patch.lostReason) assertLostReason(await lostReasonsOf(tx, ctx.orgId), patch.lostReason, patch.lostNote);
      // Each lands on top, so the last in rank order goes first.
      rows.sort((a, b) => (a.rank < b.rank ? 1 : -1));
      for (const lead of rows) {
        const from = (await findStage(tx, ctx.orgId, lead.stageId))!;
        if (from.id === to.id) continue;
        assertRequiredFields(to, { ...lead, ...patch });
        await applyStageChange(tx, { orgId: ctx.orgId, actor: ctx.actor, lead, from, to, patch });
      }
      return rows.length;
    }),
  );
}

function entryPatch(fields: EntryFields | undefined) {
  const patch: Partial<typeof leads.$inferInsert> = {};
  if (!fields) return patch;
  if (fields.value) patch.value = toMinorUnits(fields.value);
  if (fields.lostReason) {
    patch.lostReason = fields.lostReason;
    patch.lostNote = fields.lostNote?.trim() || null;
  }
  if (fields.expectedCloseDate) patch.expectedCloseDate = fields.expectedCloseDate;
  if (fields.contactId) patch.contactId = fields.contactId;
  return patch;
}

async function neighbour(
  tx: DbOrTx,
  orgId: string,
  stageId: string,
  leadId: string,
  rank: string,
  direction: "after" | "before",
) {
  const [row] = await tx
    .select({ rank: leads.rank })
    .from(leads)
    .where(
      and(
        eq(leads.orgId, orgId),
        eq(leads.stageId, stageId),
        ne(leads.id, leadId),
        direction === "after" ? gt(leads.rank, rank) : lt(leads.rank, rank),
      ),
    )
    .orderBy(direction === "after" ? asc(leads.rank) : desc(leads.rank))
    .limit(1);
  return row?.rank ?? null;
}

async function rankOf(tx: DbOrTx, orgId: string, stageId: string, id: string | null) {
  if (!id) return null;
  const [row] = await tx
    .select({ rank: leads.rank })
    .from(leads)
    .where(and(eq(leads.id, id), eq(leads.orgId, orgId), eq(leads.stageId, stageId)))
    .limit(1);
  return row?.rank ?? null;
}

async function rankFor(
  tx: DbOrTx,
  orgId: string,
  stageId: string,
  leadId: string,
  afterId: string | null,
  beforeId: string | null,
) {
  const afterRank = await rankOf(tx, orgId, stageId, afterId === leadId ? null : afterId);
  if (afterRank !== null)
    return rankBetween(afterRank, await neighbour(tx, orgId, stageId, leadId, afterRank, "after"));
  const beforeRank = await rankOf(tx, orgId, stageId, beforeId === leadId ? null : beforeId);
  if (beforeRank !== null)
    return rankBetween(await neighbour(tx, orgId, stageId, leadId, beforeRank, "before"), beforeRank);
  // No (surviving) neighbour: the end of the column.
  const [last] = await tx
    .select({ rank: leads.rank })
    .from(leads)
    .where(and(eq(leads.orgId, orgId), eq(leads.stageId, stageId), ne(leads.id, leadId)))
    .orderBy(desc(leads.rank))
    .limit(1);
  return rankBetween(last?.rank ?? null, null);
}

/** Two moves into the same gap at the same instant may (very rarely) draw the same key: try again. */
async function withRankRetry<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (error) {
      if (i >= attempts || !isUniqueViolation(error)) throw error;
    }
  }
}
