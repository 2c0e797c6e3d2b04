import "server-only";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { leads, pipelineStages, users } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import { BOARD_PAGE_SIZE } from "./constants";
import type { LeadFilters } from "./filters";
import { leadConditions } from "./filter-sql";
import { loadPipeline, type Stage } from "./pipeline";
import { userIdOf } from "../actors";

export type Card = {
  id: string;
  title: string;
  company: string | null;
  value: number;
  score: number;
  ownerId: string | null;
  ownerName: string | null;
  stageId: string;
  rank: string;
  status: string;
  stageEnteredAt: string;
  contactId: string | null;
  lostReason: string | null;
  expectedCloseDate: string | null;
};
export type ColumnTotals = { count: number; total: number; weighted: number };
export type Column = { stage: Stage; totals: ColumnTotals; cards: Card[]; hasMore: boolean };
export type Board = {
  pipelineId: string;
  autoMqlScore: number;
  disqualifyScore: number;
  lostReasons: string[];
  columns: Column[];
};

export const cardColumns = {
  id: leads.id,
  title: leads.title,
  company: leads.company,
  value: leads.value,
  score: leads.score,
  ownerId: leads.ownerId,
  ownerName: users.name,
  stageId: leads.stageId,
  rank: leads.rank,
  status: leads.status,
  stageEnteredAt: sql<string>`to_char(${leads.stageEnteredAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
  contactId: leads.contactId,
  lostReason: leads.lostReason,
  expectedCloseDate: leads.expectedCloseDate,
};

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Count, total and probability-weighted value per stage, in one grouped query. */
export async function columnTotals(
  db: DbOrTx,
  orgId: string,
  actorId: string | null,
  filters: LeadFilters,
): Promise<Map<string, ColumnTotals>> {
  const rows = await db
    .select({
      stageId: leads.stageId,
      count: sql<number>`count(*)::int`,
      total: sql<number>`coalesce(sum(${leads.value}), 0)::float8`,
      weighted: sql<number>`coalesce(sum(${leads.value} * ${pipelineStages.probability}) / 100, 0)::float8`,
    })
    .from(leads)
    .innerJoin(pipelineStages, eq(pipelineStages.id, leads.stageId))
    .where(leadConditions(orgId, actorId, filters))
    .groupBy(leads.stageId);
  return new Map(
    rows.map((r) => [
      r.stageId,
      { count: Number(r.count), total: Number(r.total), weighted: Math.round(Number(r.weighted)) },
    ]),
  );
}

/** The first page of every column in one statement (a lateral join per stage). */
async function firstPages(
  db: DbOrTx,
  orgId: string,
  actorId: string | null,
  filters: LeadFilters,
  pageSize: number,
): Promise<Card[]> {
  const where = leadConditions(orgId, actorId, filters);
  const result = await db.execute(sql`
    select c.* from ${pipelineStages} s
    cross join lateral (
      select ${leads.id} as "id", ${leads.title} as "title", ${leads.company} as "company", ${leads.value}::float8 as "value",
             ${leads.score} as "score", ${leads.ownerId} as "ownerId", ${users.name} as "ownerName", ${leads.stageId} as "stageId",
             ${leads.rank} as "rank", ${leads.status}::text as "status", ${cardColumns.stageEnteredAt} as "stageEnteredAt",
             ${leads.contactId} as "contactId", ${leads.lostReason} as "lostReason", ${leads.expectedCloseDate}::text as "expectedCloseDate"
      from ${leads} left join ${users} on ${users.id} = ${leads.ownerId}
      where ${where} and ${leads.stageId} = s.id
      order by ${leads.rank}
      limit ${pageSize + 1}
    ) c
    where s.org_id = ${orgId}
    order by s.position, c.rank`);
  return rowsOf<Card>(result).map((c) => ({ ...c, value: Number(c.value) }));
}

export async function getBoard(ctx: Ctx, filters: LeadFilters, pageSize = BOARD_PAGE_SIZE): Promise<Board> {
  requirePermission(ctx.actor, "leads:read");
  const [pipeline, totals, cards] = await Promise.all([
    loadPipeline(ctx.db, ctx.orgId),
    columnTotals(ctx.db, ctx.orgId, userIdOf(ctx.actor), filters),
    firstPages(ctx.db, ctx.orgId, userIdOf(ctx.actor), filters, pageSize),
  ]);
  const byStage = new Map<string, Card[]>();
  for (const c of cards) byStage.set(c.stageId, [...(byStage.get(c.stageId) ?? []), c]);
  return {
    pipelineId: pipeline.id,
    autoMqlScore: pipeline.autoMqlScore,
    disqualifyScore: pipeline.disqualifyScore,
    lostReasons: pipeline.lostReasons,
    columns: pipeline.stages.map((stage) => {
      const list = byStage.get(stage.id) ?? [];
      return {
        stage,
        totals: totals.get(stage.id) ?? { count: 0, total: 0, weighted: 0 },
        cards: list.slice(0, pageSize),
        hasMore: list.length > pageSize,
      };
    }),
  };
}

/** The next page of one column, after the last rank the board has. */
export async function getColumnPage(
  ctx: Ctx,
  stageId: string,
  filters: LeadFilters,
  afterRank: string | null,
  pageSize = BOARD_PAGE_SIZE,
): Promise<{ cards: Card[]; hasMore: boolean }> {
  requirePermission(ctx.actor, "leads:read");
  const rows = await ctx.db
    .select(cardColumns)
    .from(leads)
    .leftJoin(users, eq(users.id, leads.ownerId))
    .where(
      and(
        leadConditions(ctx.orgId, userIdOf(ctx.actor), filters),
        eq(leads.stageId, stageId),
        afterRank ? gt(leads.rank, afterRank) : undefined,
      ),
    )
    .orderBy(asc(leads.rank))
    .limit(pageSize + 1);
  return {
    cards: rows.slice(0, pageSize).map((r) => ({ ...r, value: Number(r.value) })),
    hasMore: rows.length > pageSize,
  };
}
