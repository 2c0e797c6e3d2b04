import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";

/** Teammates a customer or follow-up can be assigned to (names only: reps cannot read the team page). */
export async function listAssignees(ctx: Ctx) {
  requirePermission(ctx.actor, "customers:read");
  return ctx.db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.orgId, ctx.orgId), eq(users.active, true)))
    .orderBy(asc(users.name));
}
