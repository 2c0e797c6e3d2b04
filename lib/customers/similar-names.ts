import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";

/** Names at least this similar (pg_trgm, 0–1) are suggested; "Jon Smith" / "John Smith" is 0.62. */
export const SIMILAR_NAME_THRESHOLD = 0.5;
/** How many of the newest customers are checked for a similar name: new profiles are where duplicates appear. */
export const SIMILAR_NAME_RECENT = 50;
/** Index candidates scored per probe: keeps a probe cheap when many names share most trigrams. */
const CANDIDATES_PER_PROBE = 50;

const NAME = (alias: string) => sql.raw(`lower(${alias}.first_name || ' ' || ${alias}.last_name)`);
const SQUASHED = (alias: string) =>
  sql.raw(`regexp_replace(lower(${alias}.first_name || ${alias}.last_name), '[^[:alnum:]]', '', 'g')`);
const rowsOf = <T>(result: unknown): T[] => (result as { rows?: T[] }).rows ?? (result as T[]);

/**
 * Similar but not identical names (identical ones are found by the exact-name rule). Each of the
 * newest customers probes the trigram index on search_text (`<%`: its name matches a stretch of
 * the other's name, email or company), then the two names are compared as wholes. Bounded: a
 * fixed number of index probes, whatever the size of the organisation.
 */
export async function similarNamePairs(
  db: DbOrTx,
  orgId: string,
  recent = SIMILAR_NAME_RECENT,
): Promise<{ a: string; b: string; score: number }[]> {
  const result = await db.execute(sql`
    with recent as (
      select c.id, ${NAME("c")} as name, ${SQUASHED("c")} as squashed from contacts c
      where c.org_id = ${orgId} order by c.created_at desc, c.id desc limit ${recent}
    )
    select r.id as a, m.id as b, m.score from recent r
    cross join lateral (
      select o.id, similarity(r.name, ${NAME("o")}) as score
      from (select * from contacts o where o.org_id = ${orgId} and o.id <> r.id and r.name <% o.search_text and ${SQUASHED("o")} <> r.squashed limit ${CANDIDATES_PER_PROBE}) o
      order by score desc, o.id limit 1
    ) m
    where m.score >= ${SIMILAR_NAME_THRESHOLD}
    order by m.score desc`);
  return rowsOf<{ a: string; b: string; score: number | string }>(result).map((r) => ({
    a: r.a,
    b: r.b,
    score: Number(r.score),
  }));
}

/** Customers whose name is like this one's (for a single profile): one index probe. */
export async function similarNamesTo(
  db: DbOrTx,
  orgId: string,
  contactId: string,
  limit = 5,
): Promise<{ id: string; score: number }[]> {
  const result = await db.execute(sql`
    select o.id, similarity(c.name, ${NAME("o")}) as score
    from (select id, org_id, ${NAME("c")} as name from contacts c where c.id = ${contactId} and c.org_id = ${orgId}) c
    cross join lateral (select * from contacts o where o.org_id = c.org_id and o.id <> c.id and c.name <% o.search_text limit ${CANDIDATES_PER_PROBE}) o
    order by score desc, o.id limit ${limit}`);
  return rowsOf<{ id: string; score: number | string }>(result)
    .map((r) => ({ id: r.id, score: Number(r.score) }))
    .filter((r) => r.score >= SIMILAR_NAME_THRESHOLD);
}
