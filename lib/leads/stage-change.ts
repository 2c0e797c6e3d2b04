import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { leads, leadStageHistory } from "@/db/schema";
import { recordActivity } from "../activity/record";
import { emitEvent } from "../events/emit";
import type { Stage } from "./pipeline";
import { rankBefore } from "./rank";
import { actedBy } from "../actors";
import type { Actor } from "../context";

type LeadRow = typeof leads.$inferSelect;

/**
 * The one way a lead changes stage: stage + rank + status, a history row, a timeline entry and
 * the events, all in the caller's transaction.
 */
export async function applyStageChange(
  tx: DbOrTx,
  args: {
    orgId: string;
    actor: Actor;
    lead: LeadRow;
    from: Stage;
    to: Stage;
    rank?: string;
    patch?: Partial<LeadRow>;
    reason?: string;
    now?: Date;
  },
): Promise<LeadRow> {
  const { orgId, lead, from, to } = args;
  const by = actedBy(args.actor);
  const now = args.now ?? new Date();
  const rank = args.rank ?? (await firstRankBefore(tx, orgId, to.id));
  const status = to.kind;
  const stageChanged = from.id !== to.id;
  const [updated] = await tx
    .update(leads)
    .set({
      ...args.patch,
      stageId: to.id,
      rank,
      status,
      updatedAt: now,
      ...(stageChanged ? { stageEnteredAt: now } : {}),
    })
    .where(and(eq(leads.id, lead.id), eq(leads.orgId, orgId)))
    .returning();
  if (!stageChanged) return updated!;

  await tx
    .insert(leadStageHistory)
    .values({ orgId, leadId: lead.id, fromStageId: from.id, toStageId: to.id, ...by, movedAt: now });
  await recordActivity(tx, {
    orgId,
    type: "lead.stage_changed",
    subjectType: "lead",
    subjectId: lead.id,
    contactId: lead.contactId,
    ...by,
    occurredAt: now,
    data: { title: lead.title, from: from.name, to: to.name, ...(args.reason ? { reason: args.reason } : {}) },
  });
  await emitEvent(tx, "crm/lead.stage_changed", {
    orgId,
    leadId: lead.id,
    fromStageId: from.id,
    toStageId: to.id,
    toStageName: to.name,
    status,
    actorId: by.actorId,
    contactId: lead.contactId,
  });
  if (status === "won" && lead.status !== "won") {
    await emitEvent(tx, "crm/lead.won", {
      orgId,
      leadId: lead.id,
      value: updated!.value,
      contactId: lead.contactId,
      ownerId: updated!.ownerId,
    });
  }
  return updated!;
}

/** New leads go on top of their column, where the person adding them is looking. */
export async function firstRankBefore(tx: DbOrTx, orgId: string, stageId: string): Promise<string> {
  const [first] = await tx
    .select({ rank: leads.rank })
    .from(leads)
    .where(and(eq(leads.orgId, orgId), eq(leads.stageId, stageId)))
    .orderBy(asc(leads.rank))
    .limit(1);
  return rankBefore(first?.rank ?? null);
}
