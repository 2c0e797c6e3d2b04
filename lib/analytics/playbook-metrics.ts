import "server-only";
import { sql } from "drizzle-orm";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import type { Graph } from "@/lib/playbooks/graph.schema";
import type { AnalyticsRange } from "./range";
import { at, bucketStart, rows, withBucketKey, zeroFill } from "./sql";
import { byPerson } from "../email/human-engagement";

export type PlaybookSummary = {
  playbookId: string;
  name: string;
  entered: number;
  active: number;
  completed: number;
  converted: number;
  revenueMinor: number;
};

/** Runs that started in the range, per playbook: how many are still going, finished and converted, and what they earned. */
export async function playbookSummaries(ctx: Ctx, range: AnalyticsRange): Promise<PlaybookSummary[]> {
  requirePermission(ctx.actor, "analytics:read");
  return rows<PlaybookSummary>(
    ctx,
    sql`select p.id as "playbookId", p.name, count(r.id)::int as entered,
          count(r.id) filter (where r.status = 'active')::int as active,
          count(r.id) filter (where r.status = 'completed')::int as completed,
          count(r.converted_at)::int as converted,
          coalesce(sum(r.conversion_value_minor), 0)::bigint as "revenueMinor"
        from playbooks p
        left join playbook_runs r on r.playbook_id = p.id and r.org_id = ${ctx.orgId}
          and r.started_at >= ${at(range.start)} and r.started_at < ${at(range.end)}
        where p.org_id = ${ctx.orgId} and p.status <> 'archived'
        group by p.id, p.name
        order by 3 desc, 2`,
  ).then((found) => found.map((r) => ({ ...r, revenueMinor: Number(r.revenueMinor) })));
}

export type RecoveredBucket = { bucket: string; converted: number; revenueMinor: number };

/** Conversions of every playbook's runs by the day they converted, and the revenue they brought back. */
export async function recoveredRevenueSeries(ctx: Ctx, range: AnalyticsRange): Promise<RecoveredBucket[]> {
  requirePermission(ctx.actor, "analytics:read");
  const found = await rows<RecoveredBucket>(
    ctx,
    withBucketKey(sql`select ${bucketStart(sql`r.converted_at`, range.bucket, range.timeZone)} as bucket_start,
          count(*)::int as converted, coalesce(sum(r.conversion_value_minor), 0)::bigint as "revenueMinor"
        from playbook_runs r
        where r.org_id = ${ctx.orgId} and r.converted_at >= ${at(range.start)} and r.converted_at < ${at(range.end)}
        group by 1`),
  );
  return zeroFill(range.bucketKeys, new Map(found.map((r) => [r.bucket, r])), ["converted", "revenueMinor"] as const);
}

export type FunnelStep = {
  nodeId: string;
  nodeType: string;
  reached: number;
  sent: number;
  openedHuman: number;
  clickedHuman: number;
};

export type PlaybookFunnel = {
  playbookId: string;
  name: string;
  entered: number;
  converted: number;
  steps: FunnelStep[];
  exits: { reason: string; n: number }[];
};

/**
 * One playbook's runs that started in the range, step by step in the live version's order (steps
 * only older versions had come after): how many runs reached each step, and for sends how many
 * messages left and were opened or clicked by a person. Then how the finished runs ended.
 */
export async function playbookFunnel(
  ctx: Ctx,
  range: AnalyticsRange,
  playbookId: string,
): Promise<PlaybookFunnel | null> {
  requirePermission(ctx.actor, "analytics:read");
  if (!/^[0-9a-f-]{36}$/i.test(playbookId)) return null;
  const [playbook] = await rows<{ name: string; graph: Graph | null }>(
    ctx,
    sql`select p.name, v.graph from playbooks p
        left join playbook_versions v on v.id = p.current_version_id and v.org_id = ${ctx.orgId}
        where p.id = ${playbookId} and p.org_id = ${ctx.orgId}`,
  );
  if (!playbook) return null;
  const runs = sql`select r.id from playbook_runs r where r.org_id = ${ctx.orgId} and r.playbook_id = ${playbookId}
    and r.started_at >= ${at(range.start)} and r.started_at < ${at(range.end)}`;
  const [totals, steps, exits] = await Promise.all([
    rows<{ entered: number; converted: number }>(
      ctx,
      sql`select count(*)::int as entered, count(r.converted_at)::int as converted from playbook_runs r
          where r.id in (${runs})`,
    ),
    rows<FunnelStep>(
      ctx,
      sql`select l.node_id as "nodeId", min(l.node_type) as "nodeType", count(distinct l.run_id)::int as reached,
            count(distinct l.message_id)::int as sent,
            count(distinct email_events.message_id) filter (where email_events.type = 'opened')::int as "openedHuman",
            count(distinct email_events.message_id) filter (where email_events.type = 'clicked')::int as "clickedHuman"
          from playbook_run_log l
          left join email_events on email_events.message_id = l.message_id and email_events.org_id = ${ctx.orgId}
            and email_events.type in ('opened', 'clicked') and ${byPerson}
          where l.org_id = ${ctx.orgId} and l.run_id in (${runs})
          group by l.node_id`,
    ),
    rows<{ reason: string; n: number }>(
      ctx,
      sql`select coalesce(r.end_reason, r.status::text) as reason, count(*)::int as n from playbook_runs r
          where r.id in (${runs}) and r.status <> 'active'
          group by 1 order by 2 desc, 1`,
    ),
  ]);
  const order = new Map((playbook.graph?.nodes ?? []).map((n, i) => [n.id, i]));
  steps.sort((a, b) => (order.get(a.nodeId) ?? 1e9) - (order.get(b.nodeId) ?? 1e9) || b.reached - a.reached);
  return {
    playbookId,
    name: playbook.name,
    entered: totals[0]?.entered ?? 0,
    converted: totals[0]?.converted ?? 0,
    steps,
    exits,
  };
}
