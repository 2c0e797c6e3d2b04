import "server-only";
import { sql } from "drizzle-orm";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import type { AnalyticsRange } from "./range";
import { at, bucketStart, rows, withBucketKey, zeroFill } from "./sql";
import type { StageEffect } from "./stages-over-time";

export type CustomerBucket = { bucket: string; newCustomers: number; interactions: number; followUpsDone: number };
const CUSTOMER_COUNTS = ["newCustomers", "interactions", "followUpsDone"] as const;

export async function customerSeries(ctx: Ctx, range: AnalyticsRange): Promise<CustomerBucket[]> {
  requirePermission(ctx.actor, "analytics:read");
  const tz = range.timeZone;
  const per = async (table: string, column: string, name: string) =>
    rows<{ bucket: string; n: number }>(
      ctx,
      withBucketKey(sql`select ${bucketStart(sql.raw(`t.${column}`), range.bucket, tz)} as bucket_start, count(*)::int as n
          from ${sql.raw(table)} t
          where t.org_id = ${ctx.orgId} and t.${sql.raw(column)} >= ${at(range.start)} and t.${sql.raw(column)} < ${at(range.end)}
          group by 1`),
    ).then((found) => found.map((r) => [r.bucket, name, r.n] as const));
  const found = (
    await Promise.all([
      per("contacts", "created_at", "newCustomers"),
      per("interactions", "occurred_at", "interactions"),
      per("follow_ups", "done_at", "followUpsDone"),
    ])
  ).flat();
  const byBucket = new Map<string, Partial<CustomerBucket>>();
  for (const [bucket, name, n] of found) byBucket.set(bucket, { ...byBucket.get(bucket), [name]: n });
  return zeroFill(range.bucketKeys, byBucket, CUSTOMER_COUNTS);
}

export type CustomerSnapshot = {
  active: number;
  atRisk: number;
  followUpsOverdue: number;
  byStage: { stage: string; n: number }[];
  byChannel: { key: string; n: number }[];
  byStaff: { key: string; n: number }[];
  lifetimeValue: { band: string; n: number }[];
};

/** Lifetime value bands in minor units: each lower bound inclusive. */
export const LTV_BANDS = [0, 1, 10_000, 50_000, 100_000, 500_000] as const;

export async function customerSnapshot(ctx: Ctx, range: AnalyticsRange, now = new Date()): Promise<CustomerSnapshot> {
  requirePermission(ctx.actor, "analytics:read");
  const bandCase = sql.raw(
    `case ${[...LTV_BANDS]
      .reverse()
      .map((b) => `when c.total_spent_minor >= ${b} then ${b}`)
      .join(" ")} end`,
  );
  const inRange = (column: string) =>
    sql`${sql.raw(column)} >= ${at(range.start)} and ${sql.raw(column)} < ${at(range.end)}`;
  // One pass over the customers and one over the interactions, each grouped two ways.
  const [customers, interactions, followUps] = await Promise.all([
    rows<{ stage: string | null; band: number | null; n: number; active: number }>(
      ctx,
      sql`select c.lifecycle_stage::text as stage, ${bandCase} as band, count(*)::int as n,
            count(*) filter (where ${inRange("c.last_seen_at")})::int as active
          from contacts c where c.org_id = ${ctx.orgId}
          group by grouping sets ((c.lifecycle_stage), (${bandCase}))`,
    ),
    rows<{ channel: string | null; staff: string | null; n: number }>(
      ctx,
      sql`select i.type::text as channel, coalesce(u.name, 'Automated or removed') as staff, count(*)::int as n
          from interactions i
          left join users u on u.id = i.user_id and u.org_id = ${ctx.orgId}
          where i.org_id = ${ctx.orgId} and ${inRange("i.occurred_at")}
          group by grouping sets ((i.type), (coalesce(u.name, 'Automated or removed')))`,
    ),
    rows<{ overdue: number }>(
      ctx,
      sql`select count(*)::int as overdue from follow_ups f
          where f.org_id = ${ctx.orgId} and f.done_at is null and f.due_at < ${at(now)}`,
    ),
  ]);
  const byStage = customers
    .filter((r) => r.stage !== null && r.band === null)
    .map((r) => ({ stage: r.stage!, n: r.n, active: r.active }))
    .sort((a, b) => a.stage.localeCompare(b.stage));
  const ltvBy = new Map(customers.filter((r) => r.stage === null).map((r) => [Number(r.band), r.n]));
  const ranked = (pick: (r: (typeof interactions)[number]) => string | null) =>
    interactions
      .filter((r) => pick(r) !== null)
      .map((r) => ({ key: pick(r)!, n: r.n }))
      .sort((a, b) => b.n - a.n || a.key.localeCompare(b.key));
  return {
    active: byStage.reduce((sum, r) => sum + r.active, 0),
    atRisk: byStage.find((r) => r.stage === "at_risk")?.n ?? 0,
    followUpsOverdue: followUps[0]?.overdue ?? 0,
    byStage: byStage.map(({ stage, n }) => ({ stage, n })),
    byChannel: ranked((r) => (r.staff === null ? r.channel : null)),
    byStaff: ranked((r) => (r.channel === null ? r.staff : null)),
    lifetimeValue: LTV_BANDS.map((b) => ({ band: String(b), n: ltvBy.get(b) ?? 0 })),
  };
}

/**
 * What moved customers between stages in each bucket of the range and after it, for
 * stagesOverTime to take back from today's counts: recorded stage changes, and customers added (a customer added in the range started in the stage their first
 * recorded change left, else the one they are in). Needs no counts of today, so a page reads it
 * side by side with them.
 */
export async function lifecycleEffects(ctx: Ctx, range: AnalyticsRange): Promise<StageEffect[]> {
  requirePermission(ctx.actor, "analytics:read");
  const key = (column: string) =>
    sql`case when ${sql.raw(column)} < ${at(range.end)} then ${bucketStart(sql.raw(column), range.bucket, range.timeZone)} end`;
  const changes = sql`select a.contact_id, a.occurred_at, a.data->>'from' as f, a.data->>'to' as t
    from activities a
    where a.org_id = ${ctx.orgId} and a.type = 'lifecycle.changed' and a.occurred_at >= ${at(range.start)}`;
  // Two statements side by side: the changes (each one grouped once, a move into one stage and out
  // of another) and the customers added.
  const [moves, added] = await Promise.all([
    rows<{ bucket: string; f: string | null; t: string | null; n: number }>(
      ctx,
      withBucketKey(
        sql`select ${key("ch.occurred_at")} as bucket_start, ch.f, ch.t, count(*)::int as n from (${changes}) ch group by 1, 2, 3`,
      ),
    ),
    rows<StageEffect>(
      ctx,
      withBucketKey(sql`with first_change as (
            select distinct on (contact_id) contact_id, f from (${changes}) ch order by contact_id, occurred_at
          )
          select ${key("c.created_at")} as bucket_start, coalesce(fc.f, c.lifecycle_stage::text) as stage, count(*)::int as n
          from contacts c left join first_change fc on fc.contact_id = c.id
          where c.org_id = ${ctx.orgId} and c.created_at >= ${at(range.start)}
          group by 1, 2`),
    ),
  ]);
  return [
    ...moves.flatMap((m) => [
      { bucket: m.bucket, stage: m.t as string, n: Number(m.n) },
      { bucket: m.bucket, stage: m.f as string, n: -Number(m.n) },
    ]),
    ...added.map((e) => ({ bucket: e.bucket, stage: e.stage, n: Number(e.n) })),
  ];
}
