import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { Ctx } from "../../context";

/**
 * Playbooks act on the organisation's authority: lib calls made by a run carry the earliest
 * active owner as actor (there is no separate system user), so permission checks still apply.
 */
export async function playbookCtx(db: Db, orgId: string, knownOwnerId?: string | null): Promise<Ctx> {
  if (knownOwnerId) return { orgId, db, actor: { id: knownOwnerId, role: "owner" } };
  const [owner] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.role, "owner"), eq(users.active, true)))
    .orderBy(asc(users.createdAt))
    .limit(1);
  if (!owner) throw new Error("This organisation has no active owner to run playbooks for");
  return { orgId, db, actor: { id: owner.id, role: "owner" } };
}
