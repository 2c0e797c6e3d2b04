import "server-only";
import { asc, desc, eq, sql } from "drizzle-orm";
import { leads, pipelineStages, users } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import type { LeadFilters } from "./filters";
import { leadConditions } from "./filter-sql";
import { cardColumns, type Card } from "./board";
import { userIdOf } from "../actors";

export const LIST_SORTS = ["title", "value", "score", "stage", "owner", "created"] as const;
export type ListSort = (typeof LIST_SORTS)[number];
export const LIST_PAGE_SIZE = 25;

const SORT_COLUMNS = {
  title: leads.title,
  value: leads.value,
  score: leads.score,
  stage: pipelineStages.position,
  owner: users.name,
  created: leads.createdAt,
} as const;

export type ListPage = {
  rows: (Card & { stageName: string; createdAt: Date })[];
  total: number;
  page: number;
  pages: number;
};

export async function listLeads(
  ctx: Ctx,
  filters: LeadFilters,
  sort: ListSort,
  dir: "asc" | "desc",
  page: number,
): Promise<ListPage> {
  requirePermission(ctx.actor, "leads:read");
  const where = leadConditions(ctx.orgId, userIdOf(ctx.actor), filters);
  const order = dir === "asc" ? asc(SORT_COLUMNS[sort]) : desc(SORT_COLUMNS[sort]);
  const [{ total }] = (await ctx.db
    .select({ total: sql<number>`count(*)::int` })
    .from(leads)
    .where(where)) as [{ total: number }];
  const pages = Math.max(1, Math.ceil(Number(total) / LIST_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const rows = await ctx.db
    .select({
      ...cardColumns,
      stageName: pipelineStages.name,
      createdAt: leads.createdAt,
    })
    .from(leads)
    .innerJoin(pipelineStages, eq(pipelineStages.id, leads.stageId))
    .leftJoin(users, eq(users.id, leads.ownerId))
    .where(where)
    .orderBy(order, asc(leads.id))
    .limit(LIST_PAGE_SIZE)
    .offset((current - 1) * LIST_PAGE_SIZE);
  return { rows: rows.map((r) => ({ ...r, value: Number(r.value) })), total: Number(total), page: current, pages };
}
