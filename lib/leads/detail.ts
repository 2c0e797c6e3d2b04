import "server-only";
import { aliasedTable, and, desc, eq, sql } from "drizzle-orm";
import { activities, contacts, leads, leadStageHistory, pipelineStages, users } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import { NotFoundError } from "../errors";
import { canEditLead } from "./access";
import type { ScoreBreakdown } from "./scoring";

export type LeadDetail = {
  lead: typeof leads.$inferSelect;
  canEdit: boolean;
  /** The customer the lead is about, for the link to their profile (null when none is linked). */
  contact: { id: string; name: string } | null;
  history: { id: string; from: string | null; to: string | null; actor: string | null; movedAt: string }[];
  activity: { id: string; type: string; actor: string | null; data: Record<string, unknown>; occurredAt: string }[];
  breakdown: ScoreBreakdown | null;
};

const fromStage = aliasedTable(pipelineStages, "from_stage");
const toStage = aliasedTable(pipelineStages, "to_stage");

export async function getLeadDetail(ctx: Ctx, id: string): Promise<LeadDetail> {
  requirePermission(ctx.actor, "leads:read");
  const [lead] = await ctx.db
    .select()
    .from(leads)
    .where(and(eq(leads.id, id), eq(leads.orgId, ctx.orgId)))
    .limit(1);
  if (!lead) throw new NotFoundError("That lead");
  const [contact] = lead.contactId
    ? await ctx.db
        .select({ id: contacts.id, first: contacts.firstName, last: contacts.lastName, email: contacts.email })
        .from(contacts)
        .where(and(eq(contacts.id, lead.contactId), eq(contacts.orgId, ctx.orgId)))
        .limit(1)
    : [];
  const history = await ctx.db
    .select({
      id: leadStageHistory.id,
      from: fromStage.name,
      to: toStage.name,
      actor: sql<string | null>`coalesce(${users.name}, ${leadStageHistory.actorLabel})`,
      movedAt: leadStageHistory.movedAt,
    })
    .from(leadStageHistory)
    .leftJoin(fromStage, eq(fromStage.id, leadStageHistory.fromStageId))
    .leftJoin(toStage, eq(toStage.id, leadStageHistory.toStageId))
    .leftJoin(users, eq(users.id, leadStageHistory.actorId))
    .where(and(eq(leadStageHistory.orgId, ctx.orgId), eq(leadStageHistory.leadId, id)))
    .orderBy(desc(leadStageHistory.movedAt), desc(leadStageHistory.id))
    .limit(50);
  const activity = await ctx.db
    .select({
      id: activities.id,
      type: activities.type,
      actor: sql<string | null>`coalesce(${users.name}, ${activities.actorLabel})`,
      data: activities.data,
      occurredAt: activities.occurredAt,
    })
    .from(activities)
    .leftJoin(users, eq(users.id, activities.actorId))
    .where(and(eq(activities.orgId, ctx.orgId), eq(activities.subjectType, "lead"), eq(activities.subjectId, id)))
    .orderBy(desc(activities.occurredAt), desc(activities.id))
    .limit(50);
  return {
    lead,
    canEdit: canEditLead(ctx.actor, lead),
    contact: contact
      ? { id: contact.id, name: `${contact.first ?? ""} ${contact.last ?? ""}`.trim() || contact.email || "Customer" }
      : null,
    breakdown: lead.scoreBreakdown ?? null,
    history: history.map((h) => ({ ...h, movedAt: h.movedAt.toISOString() })),
    activity: activity.map((a) => ({ ...a, occurredAt: a.occurredAt.toISOString() })),
  };
}
