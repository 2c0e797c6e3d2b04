import { sql, type SQL } from "drizzle-orm";
import type { Ctx } from "../context";
import type { Bucket } from "./range";
import { rowsOf } from "@/db/rows";

/** The first local instant of a timestamp's bucket (day or week) in the organisation's zone: what a series groups by. */
export function bucketStart(column: SQL, bucket: Bucket, timeZone: string): SQL {
  const unit = bucket === "week" ? sql.raw(`'week'`) : sql.raw(`'day'`);
  return sql`date_trunc(${unit}, ${column} at time zone ${timeZone})`;
}

/**
 * A grouped query whose rows carry `bucket_start` (bucketStart's value, or null for after the
 * range), with each row's `bucket` key added: YYYY-MM-DD of its first local day, or "after". The
 * key is formatted once per group; grouping by the formatted key formats every row (a third of a
 * year's series).
 */
export function withBucketKey(grouped: SQL): SQL {
  return sql`select coalesce(to_char(g.bucket_start, 'YYYY-MM-DD'), 'after') as bucket, g.* from (${grouped}) g`;
}

export async function rows<T>(ctx: Ctx, query: SQL): Promise<T[]> {
  return rowsOf<T>(await ctx.db.execute(query));
}

/** One row per bucket key, every count present: a chart draws the quiet days too. */
export function zeroFill<T extends { bucket: string }, K extends keyof T>(
  keys: string[],
  found: Map<string, Partial<T>>,
  counts: readonly K[],
): T[] {
  return keys.map((bucket) => {
    const row = found.get(bucket) ?? {};
    const filled: Record<string, unknown> = { bucket };
    for (const k of counts) filled[k as string] = Number((row as Record<string, unknown>)[k as string] ?? 0);
    return filled as T;
  });
}

/** An instant as a statement parameter (postgres-js takes no Date inside raw SQL). */
export function at(instant: Date): SQL {
  return sql`${instant.toISOString()}::timestamptz`;
}
