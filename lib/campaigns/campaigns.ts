import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import {
  campaignRecipients,
  campaignSegments,
  campaignVariants,
  campaigns,
  emailEvents,
  emailMessageFirsts,
  emailMessages,
  emailTemplates,
  segments,
} from "@/db/schema";
import { rowsOf } from "@/db/rows";
import type { Ctx } from "@/lib/context";
import { requirePermission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { changedFields } from "@/lib/audit/redact";
import { userIdOf } from "@/lib/actors";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { topicByKey } from "@/lib/email/topics";
import { campaignSchema, isTransactional } from "./campaign.schema";
import { VARIANT_KEYS } from "./constants";

export type CampaignRow = typeof campaigns.$inferSelect;
export type CampaignVariant = { key: string; subject: string | null; preheader: string | null; body: string | null };
export type CampaignDetail = CampaignRow & {
  segmentIds: string[];
  excludedSegmentIds: string[];
  /** A/B variants in key order, A first (empty without a test). */
  variants: CampaignVariant[];
};

export async function loadVariants(db: DbOrTx, orgId: string, id: string): Promise<CampaignVariant[]> {
  return db
    .select({
      key: campaignVariants.key,
      subject: campaignVariants.subject,
      preheader: campaignVariants.preheader,
      body: campaignVariants.body,
    })
    .from(campaignVariants)
    .where(and(eq(campaignVariants.orgId, orgId), eq(campaignVariants.campaignId, id)))
    .orderBy(campaignVariants.key);
}

const campaignId = z.uuid();

/** The org filter is in the same statement as the id: another organisation's campaign is not found. */
export async function loadCampaign(db: DbOrTx, orgId: string, id: unknown): Promise<CampaignRow> {
  const parsed = campaignId.safeParse(id);
  if (!parsed.success) throw new NotFoundError("That campaign");
  const [row] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, parsed.data), eq(campaigns.orgId, orgId)))
    .limit(1);
  if (!row) throw new NotFoundError("That campaign");
  return row;
}

/** Several campaigns of the organisation by id, in no particular order; any unknown id is not found. */
export async function loadCampaigns(db: DbOrTx, orgId: string, ids: readonly unknown[]): Promise<CampaignRow[]> {
  const parsed = z.array(campaignId).safeParse(ids);
  if (!parsed.success) throw new NotFoundError("That campaign");
  if (parsed.data.length === 0) return [];
  const rows = await db
    .select()
    .from(campaigns)
    .where(and(inArray(campaigns.id, parsed.data), eq(campaigns.orgId, orgId)));
  if (rows.length !== new Set(parsed.data).size) throw new NotFoundError("That campaign");
  return rows;
}

export async function loadCampaignDetail(db: DbOrTx, orgId: string, id: unknown): Promise<CampaignDetail> {
  const c = await loadCampaign(db, orgId, id);
  const segs = await db
    .select({ segmentId: campaignSegments.segmentId, excluded: campaignSegments.excluded })
    .from(campaignSegments)
    .where(and(eq(campaignSegments.orgId, orgId), eq(campaignSegments.campaignId, c.id)));
  return {
    ...c,
    segmentIds: segs.filter((s) => !s.excluded).map((s) => s.segmentId),
    excludedSegmentIds: segs.filter((s) => s.excluded).map((s) => s.segmentId),
    variants: await loadVariants(db, orgId, c.id),
  };
}

export async function getCampaign(ctx: Ctx, id: unknown): Promise<CampaignDetail> {
  requirePermission(ctx.actor, "campaigns:read");
  return loadCampaignDetail(ctx.db, ctx.orgId, id);
}

export type CampaignListRow = {
  id: string;
  name: string;
  status: CampaignRow["status"];
  category: CampaignRow["category"];
  topicKey: string | null;
  scheduleMode: CampaignRow["scheduleMode"];
  scheduledAt: Date | null;
  startedAt: Date | null;
  frozenAt: Date | null;
  createdAt: Date;
  audience: number;
  sent: number;
  delivered: number;
  /** People who opened or clicked (machine opens and scanner clicks left out), and who unsubscribed from it. */
  openedHuman: number;
  clickedHuman: number;
  unsubscribed: number;
};

/**
 * Campaigns newest first (a page of them), with their audience and what happened to it so far:
 * counts per recipient from the message's first human open and click (email_message_firsts) and
 * its unsubscribe. One statement, every table on the organisation.
 */
export async function listCampaigns(
  ctx: Ctx,
  page: { limit?: number; offset?: number } = {},
): Promise<CampaignListRow[]> {
  requirePermission(ctx.actor, "campaigns:read");
  const limit = Math.min(Math.max(page.limit ?? 100, 1), 200);
  const offset = Math.max(page.offset ?? 0, 0);
  const rows = rowsOf<CampaignListRow>(
    await ctx.db.execute(sql`
      with shown as (
        select * from ${campaigns} where org_id = ${ctx.orgId}::uuid
        order by created_at desc, id desc limit ${limit} offset ${offset}
      ),
      counts as (
        select r.campaign_id, count(*)::int as audience,
          count(*) filter (where m.status in ('sent','delivered','opened','clicked','bounced','complained'))::int as sent,
          count(*) filter (where f.delivered_at is not null)::int as delivered,
          count(*) filter (where f.human_opened_at is not null or f.human_clicked_at is not null)::int as opened_human,
          count(*) filter (where f.human_clicked_at is not null)::int as clicked_human,
          count(*) filter (where exists (
            select 1 from ${emailEvents} e
            where e.message_id = r.message_id and e.org_id = r.org_id and e.type = 'unsubscribed'))::int as unsubscribed
        from ${campaignRecipients} r
        left join ${emailMessages} m on m.id = r.message_id and m.org_id = r.org_id
        left join ${emailMessageFirsts} f on f.message_id = r.message_id and f.org_id = r.org_id
        where r.org_id = ${ctx.orgId}::uuid and r.campaign_id in (select id from shown)
        group by r.campaign_id
      )
      select s.id, s.name, s.status, s.category, s.topic_key as "topicKey", s.schedule_mode as "scheduleMode",
        s.scheduled_at as "scheduledAt", s.started_at as "startedAt", s.frozen_at as "frozenAt",
        s.created_at as "createdAt",
        coalesce(c.audience, 0) as audience, coalesce(c.sent, 0) as sent, coalesce(c.delivered, 0) as delivered,
        coalesce(c.opened_human, 0) as "openedHuman", coalesce(c.clicked_human, 0) as "clickedHuman",
        coalesce(c.unsubscribed, 0) as unsubscribed
      from shown s left join counts c on c.campaign_id = s.id
      order by s.created_at desc, s.id desc`),
  );
  const at = (v: Date | string | null) => (v === null ? null : new Date(v));
  return rows.map((r) => ({
    ...r,
    scheduledAt: at(r.scheduledAt),
    startedAt: at(r.startedAt),
    frozenAt: at(r.frozenAt),
    createdAt: new Date(r.createdAt),
  }));
}

/** Checks every reference in one place: segments, template and topic are the organisation's own. */
async function resolveInput(ctx: Ctx, input: unknown) {
  const v = campaignSchema.parse(input);
  const all = [...v.segmentIds, ...v.excludedSegmentIds];
  const found = await ctx.db
    .select({ id: segments.id })
    .from(segments)
    .where(and(eq(segments.orgId, ctx.orgId), inArray(segments.id, all)));
  const known = new Set(found.map((s) => s.id));
  const problems: Record<string, string> = {};
  if (v.segmentIds.some((id) => !known.has(id))) problems.segmentIds = "That segment was not found.";
  if (v.excludedSegmentIds.some((id) => !known.has(id))) problems.excludedSegmentIds = "That segment was not found.";
  const transactional = isTransactional(v.category);
  if (!transactional && !(await topicByKey(ctx.db, ctx.orgId, v.category)))
    problems.category = `There is no topic “${v.category}”`;
  const templateId = v.templateId || null;
  if (templateId) {
    const [t] = await ctx.db
      .select({ id: emailTemplates.id, category: emailTemplates.category })
      .from(emailTemplates)
      .where(and(eq(emailTemplates.orgId, ctx.orgId), eq(emailTemplates.id, templateId)));
    if (!t) problems.templateId = "That template was not found.";
  }
  if (Object.keys(problems).length) throw new ValidationError(problems);
  return {
    fields: {
      name: v.name,
      category: transactional ? ("transactional" as const) : ("marketing" as const),
      topicKey: transactional ? null : v.category,
      templateId,
      subject: v.subject,
      preheader: v.preheader,
      body: templateId ? null : (v.body ?? null),
      throttlePerHour: v.throttlePerHour ?? null,
      capExempt: v.capExempt,
      holdoutPercent: v.holdoutPercent,
      attributionWindowDays: v.attributionWindowDays,
      attributionBasis: v.attributionBasis,
      abTestPercent: v.abEnabled ? v.abTestPercent : null,
      abMetric: v.abEnabled ? v.abMetric : null,
      abDecideAfterHours: v.abEnabled ? v.abDecideAfterHours : null,
      abFallbackVariant: v.abEnabled ? v.abFallbackVariant : null,
    },
    // Variant A keeps the campaign's own content; B to D store only what they change.
    variants: v.abEnabled
      ? [
          { key: "A", subject: null, preheader: null, body: null },
          ...v.variants.map((x, i) => ({
            key: VARIANT_KEYS[i + 1]!,
            subject: x.subject || null,
            preheader: x.preheader || null,
            body: x.body.trim() ? x.body : null,
          })),
        ]
      : [],
    segmentIds: v.segmentIds,
    excludedSegmentIds: v.excludedSegmentIds,
  };
}

async function writeSegments(tx: DbOrTx, orgId: string, id: string, r: Awaited<ReturnType<typeof resolveInput>>) {
  await tx.delete(campaignVariants).where(and(eq(campaignVariants.orgId, orgId), eq(campaignVariants.campaignId, id)));
  if (r.variants.length)
    await tx.insert(campaignVariants).values(r.variants.map((v) => ({ orgId, campaignId: id, ...v })));
  await tx.delete(campaignSegments).where(and(eq(campaignSegments.orgId, orgId), eq(campaignSegments.campaignId, id)));
  await tx
    .insert(campaignSegments)
    .values([
      ...r.segmentIds.map((segmentId) => ({ orgId, campaignId: id, segmentId, excluded: false })),
      ...r.excludedSegmentIds.map((segmentId) => ({ orgId, campaignId: id, segmentId, excluded: true })),
    ]);
}

export async function createCampaign(ctx: Ctx, input: unknown): Promise<{ id: string }> {
  requirePermission(ctx.actor, "campaigns:write");
  const r = await resolveInput(ctx, input);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(campaigns)
      .values({ orgId: ctx.orgId, ...r.fields, createdById: userIdOf(ctx.actor) })
      .returning({ id: campaigns.id });
    await writeSegments(tx, ctx.orgId, row!.id, r);
    await recordAudit(tx, ctx, {
      action: "campaign.created",
      target: { id: row!.id, label: r.fields.name },
      after: { ...r.fields, segmentIds: r.segmentIds, excludedSegmentIds: r.excludedSegmentIds, variants: r.variants },
    });
    return { id: row!.id };
  });
}

/** Drafts and scheduled campaigns only: once sending starts the audience and content are frozen. */
export async function updateCampaign(ctx: Ctx, id: unknown, input: unknown): Promise<void> {
  requirePermission(ctx.actor, "campaigns:write");
  const before = await loadCampaignDetail(ctx.db, ctx.orgId, id);
  if (before.status !== "draft" && before.status !== "scheduled")
    throw new ConflictError(`“${before.name}” has started sending: its content and audience can no longer change.`);
  const r = await resolveInput(ctx, input);
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(campaigns)
      .set({ ...r.fields, updatedAt: new Date() })
      .where(
        and(
          eq(campaigns.id, before.id),
          eq(campaigns.orgId, ctx.orgId),
          inArray(campaigns.status, ["draft", "scheduled"]),
        ),
      )
      .returning({ id: campaigns.id });
    if (!row)
      throw new ConflictError(`“${before.name}” has started sending: its content and audience can no longer change.`);
    await writeSegments(tx, ctx.orgId, before.id, r);
    const after = {
      ...r.fields,
      segmentIds: r.segmentIds,
      excludedSegmentIds: r.excludedSegmentIds,
      variants: r.variants,
    };
    const was = before as unknown as Record<string, unknown>;
    const diff = changedFields(Object.fromEntries(Object.keys(after).map((k) => [k, was[k]])), after);
    await recordAudit(tx, ctx, {
      action: "campaign.updated",
      target: { id: before.id, label: r.fields.name },
      before: diff.before,
      after: diff.after,
    });
  });
}

/** Only a draft can be deleted: a campaign that sent anything keeps its record. */
export async function deleteCampaign(ctx: Ctx, id: unknown): Promise<void> {
  requirePermission(ctx.actor, "campaigns:write");
  const c = await loadCampaign(ctx.db, ctx.orgId, id);
  if (c.status !== "draft") throw new ConflictError(`“${c.name}” is not a draft: cancel it instead.`);
  await ctx.db.transaction(async (tx) => {
    await tx
      .delete(campaigns)
      .where(and(eq(campaigns.id, c.id), eq(campaigns.orgId, ctx.orgId), eq(campaigns.status, "draft")));
    await recordAudit(tx, ctx, { action: "campaign.deleted", target: { id: c.id, label: c.name } });
  });
}
