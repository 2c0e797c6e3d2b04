import { sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value is a UUID in its usual written form (what an id column accepts). */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** Ids as a PostgreSQL array literal. Throws on a value that is not a UUID, naming it. */
export function uuidArrayLiteral(ids: readonly string[]): string {
  const bad = ids.find((id) => !isUuid(id));
  if (bad !== undefined) throw new Error(`"${bad}" is not an id (a UUID)`);
  return `{${ids.join(",")}}`;
}

/**
 * Ids as one `uuid[]` parameter, for `column = any(…)`: the statement's text is the same for any
 * number of ids, so PostgreSQL describes it once per connection (an `in (…)` list is a new
 * statement for every length).
 */
export function uuidArray(ids: readonly string[]): SQL {
  return sql`${uuidArrayLiteral(ids)}::uuid[]`;
}

/**
 * Rows asked for by many callers at once, each by its id within its organisation: the pair is
 * matched together in the statement (`(id, org_id) in (…)`), so no caller reads another
 * organisation's row. The ids and organisations go as the placeholders `ids` and `orgIds`
 * (`idsOfOrgsParams`).
 */
export function idsOfOrgs(id: PgColumn, orgId: PgColumn): SQL {
  return sql`(${id}, ${orgId}) in (select * from unnest(${sql.placeholder("ids")}::uuid[], ${sql.placeholder("orgIds")}::uuid[]))`;
}

export function idsOfOrgsParams(asked: readonly { id: string; orgId: string }[]) {
  return { ids: uuidArrayLiteral(asked.map((a) => a.id)), orgIds: uuidArrayLiteral(asked.map((a) => a.orgId)) };
}
