import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { contacts, leads, users } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import { ForbiddenError, ValidationError } from "../errors";
import { recordActivity } from "../activity/record";
import { emitEvent } from "../events/emit";
import { canEditLead, lockEditableLeads } from "./access";
import { assertLostReason, lostReasonsOf } from "./lost-reasons";
import {
  bulkAssignSchema,
  bulkSchema,
  leadFormSchema,
  quickAddSchema,
  toMinorUnits,
  updateLeadSchema,
} from "./lead.schema";
import { findStage, loadPipeline } from "./pipeline";
import { recomputeLeadScore } from "./score-service";
import { applyStageChange, firstRankBefore } from "./stage-change";
import { assertRequiredFields } from "./required-fields";
import { actedBy, userIdOf } from "../actors";
import { recordAudit } from "../audit/record";
import { changedFields } from "../audit/redact";

type LeadRow = typeof leads.$inferSelect;

async function assertOwner(db: DbOrTx, orgId: string, ownerId: string) {
  if (!ownerId) return;
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, ownerId), eq(users.orgId, orgId), eq(users.active, true)))
    .limit(1);
  if (!row) throw new ValidationError({ ownerId: "Owner: choose a teammate of this organisation" });
}
async function assertContact(db: DbOrTx, orgId: string, contactId: string) {
  if (!contactId) return;
  const [row] = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.id, contactId), eq(contacts.orgId, orgId)))
    .limit(1);
  if (!row) throw new ValidationError({ contactId: "Contact: choose a customer of this organisation" });
}
async function requireStage(db: DbOrTx, orgId: string, stageId: string) {
  const stage = await findStage(db, orgId, stageId);
  if (!stage) throw new ValidationError({ stageId: "Stage: choose a stage of this pipeline" });
  return stage;
}

function fieldsFrom(data: ReturnType<typeof leadFormSchema.parse>) {
  return {
    title: data.title,
    value: toMinorUnits(data.value),
    ownerId: data.ownerId || null,
    contactId: data.contactId || null,
    company: data.company || null,
    companySize: data.companySize === "" ? null : Number(data.companySize),
    industry: data.industry || null,
    jobTitle: data.jobTitle || null,
    source: data.source || null,
    expectedCloseDate: data.expectedCloseDate || null,
    lostReason: data.lostReason || null,
    lostNote: (data.lostReason && data.lostNote?.trim()) || null,
    manualAdjustment: data.manualAdjustment === "" ? 0 : Number(data.manualAdjustment),
    manualReason: data.manualReason || null,
  };
}

async function insertLead(
  tx: DbOrTx,
  ctx: Ctx,
  values: Omit<typeof leads.$inferInsert, "orgId" | "pipelineId" | "rank" | "status" | "stageId">,
  stage: Awaited<ReturnType<typeof requireStage>>,
) {
  const pipeline = await loadPipeline(tx, ctx.orgId);
  const [created] = await tx
    .insert(leads)
    .values({
      ...values,
      orgId: ctx.orgId,
      pipelineId: pipeline.id,
      stageId: stage.id,
      status: stage.kind,
      rank: await firstRankBefore(tx, ctx.orgId, stage.id),
    })
    .returning();
  await recordActivity(tx, {
    orgId: ctx.orgId,
    type: "lead.created",
    subjectType: "lead",
    subjectId: created!.id,
    contactId: created!.contactId,
    ...actedBy(ctx.actor),
    data: { title: created!.title, stage: stage.name },
  });
  await recomputeLeadScore(tx, ctx.orgId, created!.id, { pipeline });
  return created!;
}

export async function createLead(ctx: Ctx, input: unknown): Promise<LeadRow> {
  requirePermission(ctx.actor, "leads:write");
  const data = leadFormSchema.parse(input);
  const values = fieldsFrom(data);
  // A rep's new lead is theirs unless they leave it to someone else explicitly.
  if (
    values.ownerId &&
    values.ownerId !== userIdOf(ctx.actor) &&
    !canEditLead(ctx.actor, { ownerId: values.ownerId })
  ) {
    throw new ForbiddenError("Only owners can create leads for another rep.");
  }
  return ctx.db.transaction(async (tx) => {
    const stage = await requireStage(tx, ctx.orgId, data.stageId);
    assertLostReason(await lostReasonsOf(tx, ctx.orgId), values.lostReason, values.lostNote);
    assertRequiredFields(stage, values);
    await assertOwner(tx, ctx.orgId, data.ownerId);
    await assertContact(tx, ctx.orgId, data.contactId);
    return insertLead(tx, ctx, values, stage);
  });
}

/** The quick add at the top of a column: a title (and a value), owned by whoever adds it. */
export async function quickAddLead(ctx: Ctx, input: unknown): Promise<LeadRow> {
  requirePermission(ctx.actor, "leads:write");
  const data = quickAddSchema.parse(input);
  return ctx.db.transaction(async (tx) => {
    const stage = await requireStage(tx, ctx.orgId, data.stageId);
    const values = { title: data.title, value: toMinorUnits(data.value), ownerId: userIdOf(ctx.actor) };
    assertRequiredFields(stage, values);
    return insertLead(tx, ctx, values, stage);
  });
}

export async function updateLead(ctx: Ctx, input: unknown): Promise<LeadRow> {
  const { id, stageId, ...data } = updateLeadSchema.parse(input);
  return ctx.db.transaction(async (tx) => {
    const [lead] = await lockEditableLeads(tx, ctx, [id]);
    const values = fieldsFrom({ ...data, stageId });
    await assertOwner(tx, ctx.orgId, data.ownerId);
    await assertContact(tx, ctx.orgId, data.contactId);
    const to = await requireStage(tx, ctx.orgId, stageId);
    const from = (await findStage(tx, ctx.orgId, lead!.stageId))!;
    assertLostReason(await lostReasonsOf(tx, ctx.orgId), values.lostReason, values.lostNote, lead!.lostReason);
    if (to.id !== from.id) assertRequiredFields(to, values);
    const updated = await applyStageChange(tx, {
      orgId: ctx.orgId,
      actor: ctx.actor,
      lead: lead!,
      from,
      to,
      rank: to.id === from.id ? lead!.rank : undefined,
      patch: values,
    });
    await recordActivity(tx, {
      orgId: ctx.orgId,
      type: "lead.updated",
      subjectType: "lead",
      subjectId: id,
      contactId: updated.contactId,
      ...actedBy(ctx.actor),
      data: { title: updated.title },
    });
    const pick = (l: LeadRow) => Object.fromEntries(Object.keys(values).map((k) => [k, l[k as keyof LeadRow]]));
    const changed = changedFields(pick(lead!), pick(updated));
    if (Object.keys(changed.after).length)
      await recordAudit(tx, ctx, { action: "lead.updated", target: { id, label: updated.title }, ...changed });
    await recomputeLeadScore(tx, ctx.orgId, id);
    return updated;
  });
}

export async function deleteLeads(ctx: Ctx, input: unknown): Promise<number> {
  const { ids } = bulkSchema.parse(input);
  return ctx.db.transaction(async (tx) => {
    const rows = await lockEditableLeads(tx, ctx, ids);
    await tx.delete(leads).where(and(inArray(leads.id, ids), eq(leads.orgId, ctx.orgId)));
    for (const r of rows) {
      await recordActivity(tx, {
        orgId: ctx.orgId,
        type: "lead.deleted",
        subjectType: "lead",
        subjectId: r.id,
        contactId: r.contactId,
        ...actedBy(ctx.actor),
        data: { title: r.title },
      });
      await recordAudit(tx, ctx, {
        action: "lead.deleted",
        target: { id: r.id, label: r.title },
        before: { title: r.title, value: r.value, stageId: r.stageId, ownerId: r.ownerId, contactId: r.contactId },
      });
    }
    return rows.length;
  });
}

export async function assignLeads(ctx: Ctx, input: unknown): Promise<number> {
  const { ids, ownerId } = bulkAssignSchema.parse(input);
  return ctx.db.transaction(async (tx) => {
    const rows = await lockEditableLeads(tx, ctx, ids);
    await assertOwner(tx, ctx.orgId, ownerId);
    await tx
      .update(leads)
      .set({ ownerId: ownerId || null, updatedAt: new Date() })
      .where(and(inArray(leads.id, ids), eq(leads.orgId, ctx.orgId)));
    for (const r of rows) {
      await recordActivity(tx, {
        orgId: ctx.orgId,
        type: "lead.assigned",
        subjectType: "lead",
        subjectId: r.id,
        contactId: r.contactId,
        ...actedBy(ctx.actor),
        data: { title: r.title, ownerId: ownerId || null },
      });
      if ((r.ownerId ?? null) !== (ownerId || null))
        await recordAudit(tx, ctx, {
          action: "lead.assigned",
          target: { id: r.id, label: r.title },
          before: { ownerId: r.ownerId ?? null },
          after: { ownerId: ownerId || null },
        });
    }
    return rows.length;
  });
}

export async function emitScoreInputsChanged(tx: DbOrTx, orgId: string, leadId?: string) {
  await emitEvent(tx, "crm/lead.score_inputs_changed", leadId ? { orgId, leadId } : { orgId });
}
