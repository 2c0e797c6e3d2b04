import "server-only";
import { sql } from "drizzle-orm";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import type { AnalyticsRange } from "./range";
import { at, bucketStart, rows, withBucketKey, zeroFill } from "./sql";

export type PipelineBucket = {
  bucket: string;
  created: number;
  createdValue: number;
  won: number;
  wonValue: number;
  lost: number;
  lostValue: number;
};
const PIPELINE_COUNTS = ["created", "createdValue", "won", "wonValue", "lost", "lostValue"] as const;

// A lead is closed while it sits in a won or lost stage, since it entered that stage; moving it
// back out reopens it, so a reopened lead is never counted as won.
const closes = (ctx: Ctx) => sql`
  select l.id as lead_id, l.stage_entered_at as moved_at, s.kind, l.value, l.source, l.owner_id
  from leads l
  join pipeline_stages s on s.id = l.stage_id and s.org_id = ${ctx.orgId}
  where l.org_id = ${ctx.orgId} and s.kind in ('won', 'lost')`;

export async function pipelineSeries(ctx: Ctx, range: AnalyticsRange): Promise<PipelineBucket[]> {
  requirePermission(ctx.actor, "analytics:read");
  const tz = range.timeZone;
  const [created, closed] = await Promise.all([
    rows<{ bucket: string; created: number; createdValue: number }>(
      ctx,
      withBucketKey(sql`select ${bucketStart(sql`l.created_at`, range.bucket, tz)} as bucket_start, count(*)::int as created,
          coalesce(sum(l.value), 0)::bigint as "createdValue"
        from leads l
        where l.org_id = ${ctx.orgId} and l.created_at >= ${at(range.start)} and l.created_at < ${at(range.end)}
        group by 1`),
    ),
    rows<{ bucket: string; won: number; wonValue: number; lost: number; lostValue: number }>(
      ctx,
      withBucketKey(sql`select ${bucketStart(sql`c.moved_at`, range.bucket, tz)} as bucket_start,
          count(*) filter (where c.kind = 'won')::int as won,
          coalesce(sum(c.value) filter (where c.kind = 'won'), 0)::bigint as "wonValue",
          count(*) filter (where c.kind = 'lost')::int as lost,
          coalesce(sum(c.value) filter (where c.kind = 'lost'), 0)::bigint as "lostValue"
        from (${closes(ctx)}) c
        where c.moved_at >= ${at(range.start)} and c.moved_at < ${at(range.end)}
        group by 1`),
    ),
  ]);
  const byBucket = new Map<string, Partial<PipelineBucket>>();
  for (const r of created) byBucket.set(r.bucket, r);
  for (const r of closed) byBucket.set(r.bucket, { ...byBucket.get(r.bucket), ...r });
  return zeroFill(range.bucketKeys, byBucket, PIPELINE_COUNTS);
}

export type FunnelStage = {
  stageId: string;
  name: string;
  kind: string;
  reached: number;
  /** Share of the previous stage's leads that reached this one (null for the first). */
  conversion: number | null;
  avgDays: number | null;
};

/**
 * Leads created in the range, by the furthest stage of the default pipeline they reached (a lead
 * that skipped a stage passed it), with the average days spent in each stage by every lead that
 * left it in the range.
 */
export async function stageFunnel(ctx: Ctx, range: AnalyticsRange): Promise<FunnelStage[]> {
  requirePermission(ctx.actor, "analytics:read");
  const [stages, days] = await Promise.all([
    rows<{ stageId: string; name: string; kind: string; position: number; reached: number }>(
      ctx,
      sql`with pipeline as (
          select p.id from pipelines p where p.org_id = ${ctx.orgId} order by p.created_at limit 1
        ), stage as (
          select s.id, s.name, s.kind, s.position from pipeline_stages s
          where s.org_id = ${ctx.orgId} and s.pipeline_id = (select id from pipeline) and s.kind <> 'lost'
        ), furthest as (
          -- A lead lost straight from its first stage has no open stage to its name: it reached the first.
          select l.id, coalesce(max(s.position), (select min(position) from stage)) as position
          from leads l
          left join lead_stage_history h on h.lead_id = l.id and h.org_id = ${ctx.orgId}
          left join stage s on s.id = l.stage_id or s.id = h.to_stage_id
          where l.org_id = ${ctx.orgId} and l.pipeline_id = (select id from pipeline)
            and l.created_at >= ${at(range.start)} and l.created_at < ${at(range.end)}
          group by l.id
        )
        select s.id as "stageId", s.name, s.kind::text as kind, s.position,
          (select count(*) from furthest f where f.position >= s.position)::int as reached
        from stage s order by s.position`,
    ),
    rows<{ stageId: string; avgDays: number | null }>(
      ctx,
      sql`select h.to_stage_id as "stageId",
          avg(extract(epoch from (h.next_at - h.moved_at)) / 86400)::float8 as "avgDays"
        from (
          select h.to_stage_id, h.moved_at,
            lead(h.moved_at) over (partition by h.lead_id order by h.moved_at) as next_at
          from lead_stage_history h where h.org_id = ${ctx.orgId}
        ) h
        where h.next_at >= ${at(range.start)} and h.next_at < ${at(range.end)}
        group by 1`,
    ),
  ]);
  const avg = new Map(days.map((d) => [d.stageId, d.avgDays === null ? null : Number(d.avgDays)]));
  return stages.map((s, i) => ({
    stageId: s.stageId,
    name: s.name,
    kind: s.kind,
    reached: Number(s.reached),
    conversion: i === 0 ? null : Number(stages[i - 1]!.reached) > 0 ? s.reached / stages[i - 1]!.reached : null,
    avgDays: avg.get(s.stageId) ?? null,
  }));
}

export type WinRateRow = { key: string; won: number; lost: number; winRate: number | null };

/** Leads closed in the range, won against lost, by source or by owner. */
export async function winRates(ctx: Ctx, range: AnalyticsRange, by: "source" | "owner"): Promise<WinRateRow[]> {
  requirePermission(ctx.actor, "analytics:read");
  const key =
    by === "source"
      ? sql`coalesce(nullif(c.source, ''), 'No source')`
      : sql`coalesce((select u.name from users u where u.id = c.owner_id and u.org_id = ${ctx.orgId}), 'Unassigned')`;
  const found = await rows<{ key: string; won: number; lost: number }>(
    ctx,
    sql`select ${key} as key, count(*) filter (where c.kind = 'won')::int as won,
          count(*) filter (where c.kind = 'lost')::int as lost
        from (${closes(ctx)}) c
        where c.moved_at >= ${at(range.start)} and c.moved_at < ${at(range.end)}
        group by 1 order by 2 desc, 1`,
  );
  return found.map((r) => ({ ...r, winRate: r.won + r.lost > 0 ? r.won / (r.won + r.lost) : null }));
}
