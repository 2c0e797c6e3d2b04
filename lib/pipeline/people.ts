import { and, asc, eq, inArray } from "drizzle-orm";
import { organizations, tags, users } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";

export type Person = { id: string; name: string };

/** Who can own a lead: active reps and owners of this organisation. */
export async function listLeadOwners(ctx: Ctx): Promise<Person[]> {
  requirePermission(ctx.actor, "leads:read");
  return ctx.db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.orgId, ctx.orgId), eq(users.active, true), inArray(users.role, ["owner", "rep"])))
    .orderBy(asc(users.name));
}

export async function listTagsForFilter(ctx: Ctx): Promise<Person[]> {
  requirePermission(ctx.actor, "leads:read");
  return ctx.db.select({ id: tags.id, name: tags.name }).from(tags).where(eq(tags.orgId, ctx.orgId)).orderBy(asc(tags.name));
}

export async function orgCurrency(ctx: Ctx): Promise<string> {
  const [row] = await ctx.db.select({ currency: organizations.currency }).from(organizations).where(eq(organizations.id, ctx.orgId)).limit(1);
  return row?.currency ?? "USD";
}
