import "server-only";
import { sql } from "drizzle-orm";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import type { AnalyticsRange } from "./range";
import { at, bucketStart, rows, withBucketKey, zeroFill } from "./sql";

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
 * Email counts per bucket, read from the rollups the database keeps current (migration 0020): a
 * message counts once per state, in the bucket of its first time in that state (a message opened
 * five times is one open, on the day of its first open); "human" leaves out what
 * machine-engagement flagged, and a machine-opened message a person opens later counts as human.
 * Unsubscribes count every event. With dating "send", each count sits in its message's send bucket.
 */
export async function emailSeries(ctx: Ctx, range: AnalyticsRange, dating: Dating = "event"): Promise<EmailBucket[]> {
  requirePermission(ctx.actor, "analytics:read");
  const found = await rows<EmailBucket>(
    ctx,
    withBucketKey(sql`select ${bucketStart(sql`s.slot`, range.bucket, range.timeZone)} as bucket_start,
          sum(s.sent)::int as "sent", sum(s.delivered)::int as "delivered",
          sum(s.opened_total)::int as "openedTotal", sum(s.opened_human)::int as "openedHuman",
          sum(s.opened_machine)::int as "openedMachine", sum(s.clicked_total)::int as "clickedTotal",
          sum(s.clicked_human)::int as "clickedHuman", sum(s.unsubscribed)::int as "unsubscribed",
          sum(s.bounced)::int as "bounced", sum(s.complained)::int as "complained"
        from email_stats s
        where s.org_id = ${ctx.orgId} and s.dating = ${dating}
          and s.slot >= ${at(range.start)} and s.slot < ${at(range.end)}
        group by 1`),
  );
  return zeroFill(range.bucketKeys, new Map(found.map((r) => [r.bucket, r])), EMAIL_COUNTS);
}

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

/** Why machine opens and clicks were left out, for the page to say (from the rollup of machine events). */
export async function machineReasons(ctx: Ctx, range: AnalyticsRange): Promise<{ reason: string; n: number }[]> {
  requirePermission(ctx.actor, "analytics:read");
  return rows(
    ctx,
    sql`select s.reason, sum(s.n)::int as n
        from email_machine_stats s
        where s.org_id = ${ctx.orgId} and s.slot >= ${at(range.start)} and s.slot < ${at(range.end)}
        group by 1 order by 2 desc, 1`,
  );
}
