import { and, asc, eq } from "drizzle-orm";
import { coalescePerDb } from "@/db/coalesce";
import { preparedPerDb } from "@/db/prepared";
import { idsOfOrgs, idsOfOrgsParams, isUuid } from "@/db/uuid-array";
import { emailTemplates } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import { NotFoundError, ValidationError } from "../errors";
import { isUniqueViolation } from "../db-errors";
import { fieldErrorsFromZod } from "../action-result";
import { templateSchema } from "./email.schema";
import { topicByKey } from "./topics";
import { recordAudit } from "../audit/record";
import { changedFields } from "../audit/redact";

export type TemplateRow = typeof emailTemplates.$inferSelect;

async function validated(ctx: Ctx, input: unknown) {
  const parsed = templateSchema.safeParse(input);
  // A ValidationError naming the field (subject/body/topicKey), as the contract promises callers.
  if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error));
  const data = parsed.data;
  const topicKey = data.category === "marketing" ? data.topicKey! : null;
  if (topicKey && !(await topicByKey(ctx.db, ctx.orgId, topicKey)))
    throw new ValidationError({ topicKey: `There is no topic “${topicKey}”` });
  return {
    key: data.key ? data.key : null,
    name: data.name,
    subject: data.subject,
    body: data.body.replace(/\r\n?/g, "\n"),
    category: data.category,
    topicKey,
  };
}

function keyTaken(error: unknown): never {
  if (isUniqueViolation(error)) throw new ValidationError({ key: "Another template already uses this key" });
  throw error;
}

// Every send reads its template: built once, and the sends of the same moment read theirs in one
// statement (db/coalesce.ts), each template matched on its id and its organisation together.
const templatesById = preparedPerDb((db) =>
  db
    .select()
    .from(emailTemplates)
    .where(idsOfOrgs(emailTemplates.id, emailTemplates.orgId))
    .prepare("email_templates_by_id"),
);

const readTemplate = coalescePerDb(async (db, asked: { id: string; orgId: string }[]) => {
  const rows = await templatesById(db).execute(idsOfOrgsParams(asked));
  return asked.map((a) => rows.find((t) => t.id === a.id && t.orgId === a.orgId) ?? null);
});

const PROVISIONING = ["signup", "demo_seed"];

/** ValidationError on unknown tokens (field: subject/body), a missing topic, or a taken key. */
export async function createTemplate(ctx: Ctx, input: unknown): Promise<{ id: string }> {
  requirePermission(ctx.actor, "email:manage");
  const values = await validated(ctx, input);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(emailTemplates)
      .values({ orgId: ctx.orgId, ...values })
      .returning({ id: emailTemplates.id })
      .catch(keyTaken);
    // An organisation's built-in templates set up at sign-up or by the demo seed are nobody's change.
    if (!(ctx.actor.kind === "system" && PROVISIONING.includes(ctx.actor.job)))
      await recordAudit(tx, ctx, {
        action: "email.template_created",
        target: { id: row!.id, label: values.name },
        after: { name: values.name, subject: values.subject, category: values.category, topicKey: values.topicKey },
      });
    return row!;
  });
}

export async function updateTemplate(ctx: Ctx, templateId: string, input: unknown): Promise<void> {
  requirePermission(ctx.actor, "email:manage");
  const values = await validated(ctx, input);
  await ctx.db.transaction(async (tx) => {
    const [before] = /^[0-9a-f-]{36}$/i.test(templateId)
      ? await tx
          .select()
          .from(emailTemplates)
          .where(and(eq(emailTemplates.id, templateId), eq(emailTemplates.orgId, ctx.orgId)))
          .for("update")
      : [];
    if (!before) throw new NotFoundError("That template");
    await tx
      .update(emailTemplates)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(emailTemplates.id, templateId), eq(emailTemplates.orgId, ctx.orgId)))
      .catch(keyTaken);
    const fields = (t: Partial<typeof before>) => ({
      name: t.name,
      subject: t.subject,
      body: t.body,
      category: t.category,
      topicKey: t.topicKey ?? null,
      key: t.key ?? null,
    });
    await recordAudit(tx, ctx, {
      action: "email.template_updated",
      target: { id: before.id, label: values.name },
      ...changedFields(fields(before), fields({ ...before, ...values })),
    });
  });
}

export async function listTemplates(ctx: Ctx): Promise<TemplateRow[]> {
  return ctx.db
    .select()
    .from(emailTemplates)
    .where(eq(emailTemplates.orgId, ctx.orgId))
    .orderBy(asc(emailTemplates.name));
}

export async function getTemplate(ctx: Ctx, templateId: string): Promise<TemplateRow> {
  const row = isUuid(templateId)
    ? await readTemplate(ctx.db, { id: templateId.toLowerCase(), orgId: ctx.orgId })
    : null;
  if (!row) throw new NotFoundError("That template");
  return row;
}
