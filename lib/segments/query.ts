import "server-only";
import { asc, count, sql } from "drizzle-orm";
import { contacts } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { requirePermission } from "@/lib/auth/permissions";
import { compileCriteria, compileEnv } from "./compile";
import { SAMPLE_SIZE } from "./constants";
import { validateCriteria } from "./validate";

export type SampleMember = { id: string; name: string; email: string | null; lifecycleStage: string };

/** How many customers match criteria that are being edited (nothing is saved). */
export async function countMatching(ctx: Ctx, input: unknown, now = new Date()): Promise<number> {
  requirePermission(ctx.actor, "segments:read");
  const criteria = validateCriteria(input);
  const where = compileCriteria(criteria, await compileEnv(ctx.db, ctx.orgId, now));
  const [row] = await ctx.db.select({ n: count() }).from(contacts).where(where);
  return Number(row?.n ?? 0);
}

/** The first customers by name who match, for the builder's sample. */
export async function sampleMatching(
  ctx: Ctx,
  input: unknown,
  now = new Date(),
  limit = SAMPLE_SIZE,
): Promise<SampleMember[]> {
  requirePermission(ctx.actor, "segments:read");
  const criteria = validateCriteria(input);
  const where = compileCriteria(criteria, await compileEnv(ctx.db, ctx.orgId, now));
  return ctx.db
    .select({
      id: contacts.id,
      name: sql<string>`trim(${contacts.firstName} || ' ' || ${contacts.lastName})`,
      email: contacts.email,
      lifecycleStage: contacts.lifecycleStage,
    })
    .from(contacts)
    .where(where)
    .orderBy(asc(contacts.lastName), asc(contacts.firstName), asc(contacts.id))
    .limit(limit);
}
