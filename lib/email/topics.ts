import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { emailTemplates, emailTopics } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import { NotFoundError, ValidationError } from "../errors";
import { isUniqueViolation } from "../db-errors";
import { topicSchema, topicUpdateSchema } from "./email.schema";
import { DEFAULT_TEMPLATES, DEFAULT_TOPICS } from "./defaults";

/** Creates the default topics (and starter templates) if missing. Idempotent. */
export async function ensureEmailDefaults(db: DbOrTx, orgId: string): Promise<void> {
  await db
    .insert(emailTopics)
    .values(DEFAULT_TOPICS.map((t) => ({ orgId, ...t })))
    .onConflictDoNothing();
  await db
    .insert(emailTemplates)
    .values(DEFAULT_TEMPLATES.map((t) => ({ orgId, ...t })))
    .onConflictDoNothing();
}

export async function listTopics(ctx: Ctx) {
  return ctx.db.select().from(emailTopics).where(eq(emailTopics.orgId, ctx.orgId)).orderBy(asc(emailTopics.name));
}

export async function createTopic(ctx: Ctx, input: unknown): Promise<{ id: string }> {
  requirePermission(ctx.actor, "email:manage");
  const data = topicSchema.parse(input);
  try {
    const [row] = await ctx.db.insert(emailTopics).values({ orgId: ctx.orgId, ...data }).returning({ id: emailTopics.id });
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError({ key: "Another topic already uses this key" });
    throw error;
  }
}

/** The key stays: sent messages and opt-outs refer to it. */
export async function updateTopic(ctx: Ctx, topicId: string, input: unknown): Promise<void> {
  requirePermission(ctx.actor, "email:manage");
  const data = topicUpdateSchema.parse(input);
  const rows = await ctx.db
    .update(emailTopics)
    .set(data)
    .where(and(eq(emailTopics.id, topicId), eq(emailTopics.orgId, ctx.orgId)))
    .returning({ id: emailTopics.id });
  if (!rows.length) throw new NotFoundError("That topic");
}

export async function topicByKey(db: DbOrTx, orgId: string, key: string) {
  const [row] = await db.select().from(emailTopics).where(and(eq(emailTopics.orgId, orgId), eq(emailTopics.key, key))).limit(1);
  return row ?? null;
}
