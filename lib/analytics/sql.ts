import { sql, type SQL } from "drizzle-orm";
import type { Ctx } from "../context";
import type { Bucket } from "./range";
import { rowsOf } from "../segments/rows";

/** The bucket key (YYYY-MM-DD of its first local day) of a timestamp, in the organisation's zone. */
export function bucketSql(column: SQL, bucket: Bucket, timeZone: string): SQL {
  const unit = bucket === "week" ? sql.raw(`'week'`) : sql.raw(`'day'`);
  return sql`to_char(date_trunc(${unit}, ${column} at time zone ${timeZone}), 'YYYY-MM-DD')`;
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
