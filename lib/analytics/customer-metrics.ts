import "server-only";
import { sql } from "drizzle-orm";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import type { AnalyticsRange } from "./range";
import { at, bucketSql, rows, zeroFill } from "./sql";

export type CustomerBucket = { bucket: string; newCustomers: number; interactions: number; followUpsDone: number };
const CUSTOMER_COUNTS = ["newCustomers", "interactions", "followUpsDone"] as const;

export async function customerSeries(ctx: Ctx, range: AnalyticsRange): Promise<CustomerBucket[]> {
  requirePermission(ctx.actor, "analytics:read");
  const tz = range.timeZone;
  const per = async (table: string, column: string, name: string) =>
    rows<{ bucket: string; n: number }>(
      ctx,
      sql`select ${bucketSql(sql.raw(`t.${column}`), range.bucket, tz)} as bucket, count(*)::int as n
          from ${sql.raw(table)} t
          where t.org_id = ${ctx.orgId} and t.${sql.raw(column)} >= ${at(range.start)} and t.${sql.raw(column)} < ${at(range.end)}
          group by 1`,
    ).then((found) => found.map((r) => [r.bucket, name, r.n] as const));
  const found = [
    ...(await per("contacts", "created_at", "newCustomers")),
    ...(await per("interactions", "occurred_at", "interactions")),
    ...(await per("follow_ups", "done_at", "followUpsDone")),
  ];
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
  const [counts] = await rows<{ active: number; atRisk: number; overdue: number }>(
    ctx,
    sql`select
          (select count(*) from contacts c where c.org_id = ${ctx.orgId}
             and c.last_seen_at >= ${at(range.start)} and c.last_seen_at < ${at(range.end)})::int as active,
          (select count(*) from contacts c where c.org_id = ${ctx.orgId} and c.lifecycle_stage = 'at_risk')::int as "atRisk",
          (select count(*) from follow_ups f where f.org_id = ${ctx.orgId}
             and f.done_at is null and f.due_at < ${at(now)})::int as overdue`,
  );
  const byStage = await rows<{ stage: string; n: number }>(
    ctx,
    sql`select c.lifecycle_stage::text as stage, count(*)::int as n from contacts c
        where c.org_id = ${ctx.orgId} group by 1 order by 1`,
  );
  const byChannel = await rows<{ key: string; n: number }>(
    ctx,
    sql`select i.type::text as key, count(*)::int as n from interactions i
        where i.org_id = ${ctx.orgId} and i.occurred_at >= ${at(range.start)} and i.occurred_at < ${at(range.end)}
        group by 1 order by 2 desc, 1`,
  );
  const byStaff = await rows<{ key: string; n: number }>(
    ctx,
    sql`select coalesce(u.name, 'Automated or removed') as key, count(*)::int as n from interactions i
        left join users u on u.id = i.user_id and u.org_id = ${ctx.orgId}
        where i.org_id = ${ctx.orgId} and i.occurred_at >= ${at(range.start)} and i.occurred_at < ${at(range.end)}
        group by 1 order by 2 desc, 1`,
  );
  const bandCase = sql.raw(
    `case ${[...LTV_BANDS]
      .reverse()
      .map((b) => `when c.total_spent_minor >= ${b} then ${b}`)
      .join(" ")} end`,
  );
  const ltv = await rows<{ band: number; n: number }>(
    ctx,
    sql`select ${bandCase} as band, count(*)::int as n from contacts c where c.org_id = ${ctx.orgId} group by 1`,
  );
  const ltvBy = new Map(ltv.map((r) => [Number(r.band), r.n]));
  return {
    active: counts?.active ?? 0,
    atRisk: counts?.atRisk ?? 0,
    followUpsOverdue: counts?.overdue ?? 0,
    byStage,
    byChannel,
    byStaff,
    lifetimeValue: LTV_BANDS.map((b) => ({ band: String(b), n: ltvBy.get(b) ?? 0 })),
  };
}
