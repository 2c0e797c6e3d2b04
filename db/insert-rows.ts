import { getTableColumns, getTableName, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "./client";
import { coalescePerDb } from "./coalesce";
import { rowsOf } from "./rows";

type Options<R> = {
  /** Rows whose key is taken already are skipped (`on conflict do nothing`). */
  onConflictDoNothing?: boolean;
  /** Rows whose `target` is taken already update that row's `set` columns instead. */
  onConflictDoUpdate?: { target: readonly string[]; set: readonly string[] };
  /** Columns to read back from the inserted rows. */
  returning?: readonly R[];
  /**
   * On the pool (never in a transaction), the rows may share one statement with other callers'
   * rows of the same table, columns and options handed in at the same moment (db/coalesce.ts);
   * each caller still waits for its own rows. Reading back needs the rows' ids (they are matched
   * to their caller by id). `key`: rows of one key (one run's) never share a statement.
   */
  together?: { key?: string };
};

// jsonb_to_recordset needs a type it can name; identity-like column types name their storage.
const STORAGE: Record<string, string> = { serial: "integer", bigserial: "bigint", smallserial: "smallint" };

const columnsOf = new WeakMap<PgTable, [string, PgColumn][]>();
const statements = new Map<string, { head: string; tail: string }>();

function columns(table: PgTable): [string, PgColumn][] {
  let cols = columnsOf.get(table);
  if (!cols) {
    cols = Object.entries(getTableColumns(table)) as [string, PgColumn][];
    columnsOf.set(table, cols);
  }
  return cols;
}

const isJson = (c: PgColumn) => c.getSQLType() === "json" || c.getSQLType() === "jsonb";

/**
 * Inserts rows through one jsonb parameter (`jsonb_to_recordset`). Drizzle's insert builder costs
 * about 100 µs a row here (it checks every value's kind against its classes); this statement's
 * text depends only on the table, the columns given and the options, so it is built once, and
 * PostgreSQL (and the embedded database's named statements) plan it once. For the hottest
 * inserts: every sent email, every audit entry, the executor's events and runs.
 *
 * Every row must give the same columns (the others take the database's defaults; a default
 * computed in JavaScript must be given); values are mapped as the query builder maps them (dates,
 * arrays), JSON columns as they are, null as SQL null.
 */
export async function insertRows<T extends PgTable, R extends keyof T["$inferSelect"] & string = never>(
  db: DbOrTx,
  table: T,
  rows: readonly T["$inferInsert"][],
  options: Options<R> = {},
): Promise<Pick<T["$inferSelect"], R>[]> {
  if (rows.length === 0) return [];
  const all = columns(table);
  const given = all.filter(([key]) => (rows[0] as Record<string, unknown>)[key] !== undefined);
  const givenKeys = new Set(given.map(([key]) => key));
  const payload = rows.map((row, i) => {
    const r = row as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, col] of all) {
      const v = r[key];
      const expected = givenKeys.has(key);
      if ((v !== undefined) !== expected)
        throw new Error(
          `insertRows(${getTableName(table)}): row ${i} ${expected ? "lacks" : "adds"} ${key}; every row gives the same columns`,
        );
      if (v === undefined) continue;
      out[col.name] = v === null ? null : isJson(col) ? v : col.mapToDriverValue(v);
    }
    return out;
  });
  const text = statement(table, given, options);
  const back = all.filter(([key]) => options.returning?.includes(key as R));
  const read = (raws: Record<string, unknown>[]) =>
    raws.map((raw) => {
      const row: Record<string, unknown> = {};
      for (const [key, col] of back) {
        const v = raw[col.name];
        row[key] = v === null || v === undefined ? null : col.mapFromDriverValue(v);
      }
      return row as Pick<T["$inferSelect"], R>;
    });
  if (options.together) {
    const idColumn = getTableColumns(table).id as PgColumn | undefined;
    if (back.length && (!idColumn || !givenKeys.has("id") || !options.returning!.includes("id" as R)))
      throw new Error(`insertRows(${getTableName(table)}): rows written together are read back by their given id`);
    const raws = await writerFor(text)(db, { payload, key: options.together.key });
    if (!back.length) return [];
    const ids = new Set(payload.map((r) => r[idColumn!.name] as string));
    return read(raws.filter((r) => ids.has(r[idColumn!.name] as string)));
  }
  const result = await db.execute(sql`${sql.raw(text.head)}${JSON.stringify(payload)}::jsonb${sql.raw(text.tail)}`);
  return back.length ? read(rowsOf<Record<string, unknown>>(result)) : [];
}

type Statement = { head: string; tail: string };
type Together = { payload: Record<string, unknown>[]; key?: string };
const writers = new Map<Statement, (db: DbOrTx, t: Together) => Promise<Record<string, unknown>[]>>();

/** One writer per statement: the rows handed in together go in one statement; every caller gets all rows read back and keeps its own. */
function writerFor(text: Statement) {
  let writer = writers.get(text);
  if (!writer) {
    writer = coalescePerDb(
      async (db, items: Together[]) => {
        const rows = items.flatMap((t) => t.payload);
        const result = await db.execute(sql`${sql.raw(text.head)}${JSON.stringify(rows)}::jsonb${sql.raw(text.tail)}`);
        const raws = rowsOf<Record<string, unknown>>(result);
        return items.map(() => raws);
      },
      { key: (t) => t.key },
    );
    writers.set(text, writer);
  }
  return writer;
}

function statement(table: PgTable, given: [string, PgColumn][], options: Options<string>): Statement {
  const name = getTableName(table);
  const returning = options.returning ?? [];
  const update = options.onConflictDoUpdate;
  const key = `${name}|${given.map(([k]) => k).join(",")}|${options.onConflictDoNothing ? 1 : 0}|${update ? `${update.target.join(",")}>${update.set.join(",")}` : ""}|${returning.join(",")}`;
  let s = statements.get(key);
  if (!s) {
    const givenKeys = new Set(given.map(([k]) => k));
    // A default computed in JavaScript ($defaultFn, $onUpdate) is the query builder's to apply.
    for (const [k, c] of columns(table))
      if (!givenKeys.has(k) && (c.defaultFn || c.onUpdateFn))
        throw new Error(`insertRows(${name}): ${k} has a default computed in JavaScript; give it`);
    const names = given.map(([, c]) => `"${c.name}"`).join(", ");
    const types = given.map(([, c]) => `"${c.name}" ${STORAGE[c.getSQLType()] ?? c.getSQLType()}`).join(", ");
    const byKey = getTableColumns(table) as Record<string, PgColumn>;
    const back = returning.map((k) => `"${byKey[k]!.name}"`).join(", ");
    const quoted = (k: string) => `"${byKey[k]!.name}"`;
    s = {
      head: `insert into "${name}" (${names}) select ${names} from jsonb_to_recordset(`,
      tail:
        `) as r(${types})` +
        (options.onConflictDoNothing ? " on conflict do nothing" : "") +
        (update
          ? ` on conflict (${update.target.map(quoted).join(", ")}) do update set ${update.set.map((k) => `${quoted(k)} = excluded.${quoted(k)}`).join(", ")}`
          : "") +
        (back ? ` returning ${back}` : ""),
    };
    statements.set(key, s);
  }
  return s;
}
