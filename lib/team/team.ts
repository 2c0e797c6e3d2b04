import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record";
import { users } from "@/db/schema";
import type { DbOrTx } from "@/db/client";
import type { Ctx } from "../context";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { requirePermission } from "../auth/permissions";
import { hashPassword } from "../auth/password";
import type { Role } from "../auth/roles";
import { isUniqueViolation } from "../db-errors";
import { addTeammateSchema, changeRoleSchema, setActiveSchema } from "./team.schema";

export type Teammate = { id: string; name: string; email: string; role: Role; active: boolean; createdAt: Date };

const teammateColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  active: users.active,
  createdAt: users.createdAt,
};

export async function listTeam(ctx: Ctx): Promise<Teammate[]> {
  requirePermission(ctx.actor, "team:read");
  return ctx.db.select(teammateColumns).from(users).where(eq(users.orgId, ctx.orgId)).orderBy(asc(users.name));
}

export async function emailTaken(db: DbOrTx, email: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
    .limit(1);
  return !!row;
}

export async function addTeammate(ctx: Ctx, input: unknown): Promise<Teammate> {
  requirePermission(ctx.actor, "team:manage");
  const data = addTeammateSchema.parse(input);
  if (await emailTaken(ctx.db, data.email)) {
    throw new ValidationError({ email: "Someone already signs in with this email address" });
  }
  const passwordHash = await hashPassword(data.password);
  return ctx.db
    .transaction(async (tx) => {
      const [created] = await tx
        .insert(users)
        .values({ orgId: ctx.orgId, name: data.name, email: data.email, role: data.role, passwordHash })
        .returning(teammateColumns);
      if (!created) throw new Error("Insert returned no row");
      await recordAudit(tx, ctx, {
        action: "team.member_added",
        target: { id: created.id, label: created.email },
        after: { name: created.name, email: created.email, role: created.role },
      });
      return created;
    })
    .catch(rethrowEmailTaken);
}

/** The pre-check above can race with another insert; the unique index has the last word. */
export function rethrowEmailTaken(error: unknown): never {
  if (isUniqueViolation(error))
    throw new ValidationError({ email: "Someone already signs in with this email address" });
  throw error;
}

/** Locks the organisation's owners so two concurrent demotions cannot both pass the last-owner check. */
async function assertNotLastOwner(tx: DbOrTx, ctx: Ctx, target: Teammate, verb: string) {
  if (target.role !== "owner" || !target.active) return;
  const owners = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, ctx.orgId), eq(users.role, "owner"), eq(users.active, true)))
    .for("update");
  if (owners.length <= 1) {
    throw new ConflictError(
      `${target.name} is the last owner of this organisation and cannot be ${verb}. Make someone else an owner first.`,
    );
  }
}

async function loadTeammate(tx: DbOrTx, ctx: Ctx, userId: string): Promise<Teammate> {
  const [row] = await tx
    .select(teammateColumns)
    .from(users)
    .where(and(eq(users.id, userId), eq(users.orgId, ctx.orgId)))
    .limit(1)
    .for("update");
  if (!row) throw new NotFoundError("That teammate");
  return row;
}

export async function changeRole(ctx: Ctx, input: unknown): Promise<Teammate> {
  requirePermission(ctx.actor, "team:manage");
  const { userId, role } = changeRoleSchema.parse(input);
  return ctx.db.transaction(async (tx) => {
    const target = await loadTeammate(tx, ctx, userId);
    if (target.role === role) return target;
    if (role !== "owner") await assertNotLastOwner(tx, ctx, target, "demoted");
    const [updated] = await tx
      .update(users)
      .set({ role, updatedAt: new Date() })
      .where(and(eq(users.id, userId), eq(users.orgId, ctx.orgId)))
      .returning(teammateColumns);
    await recordAudit(tx, ctx, {
      action: "team.role_changed",
      target: { id: userId, label: target.email },
      before: { role: target.role },
      after: { role },
    });
    return updated!;
  });
}

export async function setTeammateActive(ctx: Ctx, input: unknown): Promise<Teammate> {
  requirePermission(ctx.actor, "team:manage");
  const { userId, active } = setActiveSchema.parse(input);
  return ctx.db.transaction(async (tx) => {
    const target = await loadTeammate(tx, ctx, userId);
    if (target.active === active) return target;
    if (!active) await assertNotLastOwner(tx, ctx, target, "deactivated");
    const [updated] = await tx
      .update(users)
      .set({ active, updatedAt: new Date() })
      .where(and(eq(users.id, userId), eq(users.orgId, ctx.orgId)))
      .returning(teammateColumns);
    await recordAudit(tx, ctx, {
      action: active ? "team.member_reactivated" : "team.member_deactivated",
      target: { id: userId, label: target.email },
      before: { active: target.active },
      after: { active },
    });
    return updated!;
  });
}
