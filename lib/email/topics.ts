import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { campaigns, emailTemplates, emailTopics, playbooks, playbookVersions } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { isUniqueViolation } from "../db-errors";
import { topicSchema, topicUpdateSchema } from "./email.schema";
import { DEFAULT_TEMPLATES, DEFAULT_TOPICS } from "./defaults";
import { recordAudit } from "../audit/record";
import { changedFields } from "../audit/redact";

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
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(emailTopics)
        .values({ orgId: ctx.orgId, ...data })
        .returning({ id: emailTopics.id });
      await recordAudit(tx, ctx, {
        action: "email.topic_created",
        target: { id: row!.id, label: data.name },
        after: data,
      });
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError({ key: "Another topic already uses this key" });
    throw error;
  }
}

/** The key stays: sent messages and opt-outs refer to it. */
export async function updateTopic(ctx: Ctx, topicId: string, input: unknown): Promise<void> {
  requirePermission(ctx.actor, "email:manage");
  const data = topicUpdateSchema.parse(input);
  await ctx.db.transaction(async (tx) => {
    const [before] = /^[0-9a-f-]{36}$/i.test(topicId)
      ? await tx
          .select({ id: emailTopics.id, name: emailTopics.name, description: emailTopics.description })
          .from(emailTopics)
          .where(and(eq(emailTopics.id, topicId), eq(emailTopics.orgId, ctx.orgId)))
          .for("update")
      : [];
    if (!before) throw new NotFoundError("That topic");
    await tx
      .update(emailTopics)
      .set(data)
      .where(and(eq(emailTopics.id, topicId), eq(emailTopics.orgId, ctx.orgId)));
    const { id, ...was } = before;
    await recordAudit(tx, ctx, {
      action: "email.topic_updated",
      target: { id, label: data.name ?? before.name },
      ...changedFields(was, { ...was, ...data }),
    });
  });
}

/**
 * Deletes a topic nothing will send under any more. Refused, naming them, while a template or a
 * playbook (any version a run may be on, unless the playbook is archived) still uses its key.
 * Sent messages keep the key as history; the opt-outs stay, so a topic made again with the same
 * key still leaves out whoever left it.
 */
export async function deleteTopic(ctx: Ctx, topicId: string): Promise<void> {
  requirePermission(ctx.actor, "email:manage");
  await ctx.db.transaction(async (tx) => {
    const [topic] = /^[0-9a-f-]{36}$/i.test(topicId)
      ? await tx
          .select()
          .from(emailTopics)
          .where(and(eq(emailTopics.id, topicId), eq(emailTopics.orgId, ctx.orgId)))
          .for("update")
      : [];
    if (!topic) throw new NotFoundError("That topic");
    const templates = await tx
      .select({ name: emailTemplates.name })
      .from(emailTemplates)
      .where(and(eq(emailTemplates.orgId, ctx.orgId), eq(emailTemplates.topicKey, topic.key)));
    const usedBy = await tx
      .selectDistinct({ name: playbooks.name })
      .from(playbookVersions)
      .innerJoin(playbooks, eq(playbooks.id, playbookVersions.playbookId))
      .where(
        and(
          eq(playbookVersions.orgId, ctx.orgId),
          ne(playbooks.status, "archived"),
          sql`${playbookVersions.graph}->'nodes' @> ${JSON.stringify([{ config: { topicKey: topic.key } }])}::jsonb`,
        ),
      );
    // Campaigns still to send (or paused) would fail at their next batch without their topic.
    const campaignsUsing = await tx
      .select({ name: campaigns.name })
      .from(campaigns)
      .where(
        and(
          eq(campaigns.orgId, ctx.orgId),
          eq(campaigns.topicKey, topic.key),
          inArray(campaigns.status, ["draft", "scheduled", "sending", "paused"]),
        ),
      );
    const users = [
      ...templates.map((t) => `template “${t.name}”`),
      ...usedBy.map((p) => `playbook “${p.name}”`),
      ...campaignsUsing.map((c) => `campaign “${c.name}”`),
    ];
    if (users.length)
      throw new ConflictError(`“${topic.name}” is used by ${users.join(", ")}. Move them to another topic first.`);
    await tx.delete(emailTopics).where(and(eq(emailTopics.id, topic.id), eq(emailTopics.orgId, ctx.orgId)));
    await recordAudit(tx, ctx, {
      action: "email.topic_deleted",
      target: { id: topic.id, label: topic.name },
      before: { key: topic.key, name: topic.name },
    });
  });
}

export async function topicByKey(db: DbOrTx, orgId: string, key: string) {
  const [row] = await db
    .select()
    .from(emailTopics)
    .where(and(eq(emailTopics.orgId, orgId), eq(emailTopics.key, key)))
    .limit(1);
  return row ?? null;
}
