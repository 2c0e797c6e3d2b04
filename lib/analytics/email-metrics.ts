import "server-only";
import { sql } from "drizzle-orm";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import type { AnalyticsRange } from "./range";
import { at, bucketSql, rows, zeroFill } from "./sql";

/** Whether an open or click counts in the bucket of when it happened or of the send it belongs to. */
export type Dating = "event" | "send";

export type EmailBucket = {
  bucket: string;
  sent: number;
  delivered: number;
  openedTotal: number;
  openedHuman: number;
  openedMachine: number;
  clickedTotal: number;
  clickedHuman: number;
  unsubscribed: number;
  bounced: number;
  complained: number;
};

export const EMAIL_COUNTS = [
  "sent",
  "delivered",
  "openedTotal",
  "openedHuman",
  "openedMachine",
  "clickedTotal",
  "clickedHuman",
  "unsubscribed",
  "bounced",
  "complained",
] as const satisfies readonly (keyof EmailBucket)[];

/**
 * Email counts per bucket. Opens and clicks count messages (a message opened five times is one
 * open); "human" leaves out what machine-engagement flagged. Rates are derived by emailRates.
 */
export async function emailSeries(ctx: Ctx, range: AnalyticsRange, dating: Dating = "event"): Promise<EmailBucket[]> {
  requirePermission(ctx.actor, "analytics:read");
  const tz = range.timeZone;
  const eventTime = dating === "send" ? sql`m.sent_at` : sql`e.occurred_at`;
  const sent = await rows<{ bucket: string; n: number }>(
    ctx,
    sql`select ${bucketSql(sql`m.sent_at`, range.bucket, tz)} as bucket, count(*)::int as n
        from email_messages m
        where m.org_id = ${ctx.orgId} and m.sent_at >= ${at(range.start)} and m.sent_at < ${at(range.end)}
        group by 1`,
  );
  const events = await rows<Omit<EmailBucket, "sent">>(
    ctx,
    sql`select ${bucketSql(eventTime, range.bucket, tz)} as bucket,
          count(distinct e.message_id) filter (where e.type = 'delivered')::int as "delivered",
          count(distinct e.message_id) filter (where e.type = 'opened')::int as "openedTotal",
          count(distinct e.message_id) filter (where e.type = 'opened' and ${human})::int as "openedHuman",
          count(distinct e.message_id) filter (where e.type = 'opened' and not ${human}
            and not exists (select 1 from email_events h where h.message_id = e.message_id and h.type = 'opened'
              and coalesce(h.data->>'machine', 'false') <> 'true'))::int as "openedMachine",
          count(distinct e.message_id) filter (where e.type = 'clicked')::int as "clickedTotal",
          count(distinct e.message_id) filter (where e.type = 'clicked' and ${human})::int as "clickedHuman",
          count(*) filter (where e.type = 'unsubscribed')::int as "unsubscribed",
          count(distinct e.message_id) filter (where e.type = 'bounced')::int as "bounced",
          count(distinct e.message_id) filter (where e.type = 'complained')::int as "complained"
        from email_events e
        ${dating === "send" ? sql`join email_messages m on m.id = e.message_id and m.org_id = ${ctx.orgId}` : sql``}
        where e.org_id = ${ctx.orgId} and ${eventTime} >= ${at(range.start)} and ${eventTime} < ${at(range.end)}
        group by 1`,
  );
  const byBucket = new Map<string, Partial<EmailBucket>>();
  for (const r of sent) byBucket.set(r.bucket, { sent: r.n });
  for (const r of events) byBucket.set(r.bucket, { ...byBucket.get(r.bucket), ...r });
  return zeroFill(range.bucketKeys, byBucket, EMAIL_COUNTS);
}

const human = sql`coalesce(e.data->>'machine', 'false') <> 'true'`;

export type EmailTotals = Omit<EmailBucket, "bucket"> & {
  openRateHuman: number | null;
  openRateTotal: number | null;
  clickRateHuman: number | null;
  unsubscribeRate: number | null;
  bounceRate: number | null;
};

/** Sums of a series, with rates over messages sent (null when nothing was sent). */
export function emailTotals(series: EmailBucket[]): EmailTotals {
  const sum = Object.fromEntries(EMAIL_COUNTS.map((k) => [k, series.reduce((s, b) => s + b[k], 0)])) as Omit<
    EmailBucket,
    "bucket"
  >;
  const rate = (n: number) => (sum.sent > 0 ? n / sum.sent : null);
  return {
    ...sum,
    openRateHuman: rate(sum.openedHuman),
    openRateTotal: rate(sum.openedTotal),
    clickRateHuman: rate(sum.clickedHuman),
    unsubscribeRate: rate(sum.unsubscribed),
    bounceRate: rate(sum.bounced),
  };
}

/** Why machine opens and clicks were left out, for the page to say. */
export async function machineReasons(ctx: Ctx, range: AnalyticsRange): Promise<{ reason: string; n: number }[]> {
  requirePermission(ctx.actor, "analytics:read");
  return rows(
    ctx,
    sql`select e.data->>'machineReason' as reason, count(*)::int as n
        from email_events e
        where e.org_id = ${ctx.orgId} and e.type in ('opened', 'clicked') and e.data->>'machine' = 'true'
          and e.occurred_at >= ${at(range.start)} and e.occurred_at < ${at(range.end)}
        group by 1 order by 2 desc`,
  );
}
