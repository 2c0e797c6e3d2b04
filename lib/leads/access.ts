import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { leads } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import { ForbiddenError, NotFoundError } from "../errors";
import { canEditLead } from "./can-edit";

export { canEditLead };

export type LockedLead = typeof leads.$inferSelect;

/** Loads and row-locks leads of this org the actor may edit; another org's id is not found. */
export async function lockEditableLeads(tx: DbOrTx, ctx: Ctx, ids: string[]): Promise<LockedLead[]> {
  requirePermission(ctx.actor, "leads:write");
  const unique = [...new Set(ids)];
  const rows = await tx
    .select()
    .from(leads)
    .where(and(inArray(leads.id, unique), eq(leads.orgId, ctx.orgId)))
    .orderBy(leads.id) // a fixed lock order, so two bulk edits cannot deadlock
    .for("update");
  if (rows.length !== unique.length) throw new NotFoundError(unique.length === 1 ? "That lead" : "One of those leads");
  const blocked = rows.find((r) => !canEditLead(ctx.actor, r));
  if (blocked)
    throw new ForbiddenError(`“${blocked.title}” belongs to another rep; only its owner or an owner can change it.`);
  return rows;
}
