import { sql } from "drizzle-orm";
import type { Ctx } from "@/lib/context";
import { requirePermission } from "@/lib/auth/permissions";
import { rowsOf } from "@/db/rows";
import { loadCampaign } from "./campaigns";

export type Progress = {
  total: number;
  holdout: number;
  queued: number;
  /** Stored and on their way to the provider. */
  sending: number;
  sent: number;
  deferred: number;
  suppressed: number;
  failed: number;
  cancelled: number;
};

/** Where each frozen recipient stands: one statement over the campaign's rows. */
export async function campaignProgress(ctx: Ctx, id: unknown): Promise<Progress> {
  requirePermission(ctx.actor, "campaigns:read");
  const c = await loadCampaign(ctx.db, ctx.orgId, id);
  const [r] = rowsOf<Progress>(
    await ctx.db.execute(sql`
      select count(*)::int as total,
        count(*) filter (where holdout)::int as holdout,
        count(*) filter (where status = 'queued' and message_id is null)::int as queued,
        count(*) filter (where status = 'queued' and message_id is not null)::int as sending,
        count(*) filter (where status = 'sent')::int as sent,
        count(*) filter (where status = 'deferred')::int as deferred,
        count(*) filter (where status = 'suppressed' and not holdout)::int as suppressed,
        count(*) filter (where status = 'failed')::int as failed,
        count(*) filter (where status = 'cancelled')::int as cancelled
      from campaign_recipients where org_id = ${ctx.orgId}::uuid and campaign_id = ${c.id}::uuid`),
  );
  return r!;
}

export type CampaignReport = {
  sent: number;
  delivered: number;
  openedHuman: number;
  clickedHuman: number;
  unsubscribed: number;
  bounced: number;
  complained: number;
};

const human = sql`coalesce(e.data->>'machine', 'false') <> 'true'`;

/**
 * What the campaign's messages did, read through each recipient's message: opens and clicks
 * count people once and leave out what machine-engagement flagged (as the analytics do). A
 * message opened or clicked was delivered even when the provider's delivery report is missing
 * (the local outbox sends none), the rule the campaigns list and email analytics use too.
 */
export async function campaignReport(ctx: Ctx, id: unknown): Promise<CampaignReport> {
  requirePermission(ctx.actor, "campaigns:read");
  const c = await loadCampaign(ctx.db, ctx.orgId, id);
  const [r] = rowsOf<CampaignReport>(
    await ctx.db.execute(sql`
      select
        count(distinct m.id) filter (where m.sent_at is not null)::int as sent,
        count(distinct e.message_id) filter (where e.type in ('delivered', 'opened', 'clicked'))::int as delivered,
        count(distinct e.message_id) filter (where e.type = 'opened' and ${human})::int as "openedHuman",
        count(distinct e.message_id) filter (where e.type = 'clicked' and ${human})::int as "clickedHuman",
        count(distinct e.message_id) filter (where e.type = 'unsubscribed')::int as unsubscribed,
        count(distinct e.message_id) filter (where e.type = 'bounced')::int as bounced,
        count(distinct e.message_id) filter (where e.type = 'complained')::int as complained
      from campaign_recipients r
      join email_messages m on m.id = r.message_id and m.org_id = r.org_id
      left join email_events e on e.message_id = m.id and e.org_id = m.org_id
      where r.org_id = ${ctx.orgId}::uuid and r.campaign_id = ${c.id}::uuid`),
  );
  return r!;
}
