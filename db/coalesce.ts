import { is } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { DbOrTx } from "./client";

/**
 * Group commit for independent writes: items handed in together are written by one statement
 * (`write` gets them all and answers one result per item, in order). A lone item is written on
 * the next turn of the event loop; while a statement is in flight, the items arriving meanwhile
 * form the next group (up to `max`). Each caller still awaits its own item's result, so nothing
 * is acknowledged before it is stored; what it saves is a statement per item (its round trip,
 * socket write, parse and plan).
 *
 * A failed statement fails no one else: a group that fails is written again item by item, and
 * only the items that fail alone see their error. Two items of one `key` (one run's writes) never
 * share a statement: the later one goes in a later group, written after the first.
 */
export function coalesce<T, R>(
  write: (items: T[]) => Promise<R[]>,
  options: { key?: (item: T) => string | undefined; max?: number } = {},
): (item: T) => Promise<R> {
  const max = options.max ?? 200;
  type Waiting = { item: T; resolve: (r: R) => void; reject: (e: unknown) => void };
  type Group = { waiting: Waiting[]; keys: Set<string> };
  const groups: Group[] = [];
  let busy = false;

  const writeGroup = async ({ waiting }: Group) => {
    try {
      const results = await write(waiting.map((w) => w.item));
      if (results.length !== waiting.length)
        throw new Error(`coalesce: ${results.length} results for ${waiting.length} items`);
      waiting.forEach((w, i) => w.resolve(results[i]!));
    } catch (e) {
      if (waiting.length === 1) return waiting[0]!.reject(e);
      for (const w of waiting) {
        try {
          const [r] = await write([w.item]);
          w.resolve(r!);
        } catch (alone) {
          w.reject(alone);
        }
      }
    }
  };

  const drain = async () => {
    busy = true;
    try {
      for (let group = groups.shift(); group; group = groups.shift()) await writeGroup(group);
    } finally {
      busy = false;
    }
  };

  return (item) =>
    new Promise<R>((resolve, reject) => {
      const key = options.key?.(item);
      let last = groups.at(-1);
      if (!last || last.waiting.length >= max || (key !== undefined && last.keys.has(key))) {
        last = { waiting: [], keys: new Set() };
        groups.push(last);
        // The first group waits one turn for company; later ones go when the statement before ends.
        if (!busy && groups.length === 1) {
          busy = true;
          setImmediate(() => void drain());
        }
      }
      last.waiting.push({ item, resolve, reject });
      if (key !== undefined) last.keys.add(key);
    });
}

/**
 * `coalesce` per database handle: the statements of a pool's callers are shared; a transaction's
 * are its own, so there the item is written alone, at once.
 */
export function coalescePerDb<T, R>(
  write: (db: DbOrTx, items: T[]) => Promise<R[]>,
  options: { key?: (item: T) => string | undefined; max?: number } = {},
): (db: DbOrTx, item: T) => Promise<R> {
  const byDb = new WeakMap<object, (item: T) => Promise<R>>();
  return async (db, item) => {
    if (is(db, PgTransaction)) return (await write(db, [item]))[0]!;
    let one = byDb.get(db);
    if (!one) {
      one = coalesce((items: T[]) => write(db, items), options);
      byDb.set(db, one);
    }
    return one(item);
  };
}
