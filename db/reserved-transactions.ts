import type { ReservedSql, Sql } from "postgres";

type Scope = ReservedSql & { savepoint: (nameOrFn: unknown, fn?: unknown) => Promise<unknown> };
type Body = (sql: Scope) => unknown;

/**
 * The pool with transactions that hold a connection of their own from BEGIN to COMMIT.
 *
 * postgres.js 3.4.9's `sql.begin` writes BEGIN to whichever connection the pool picks, busy ones
 * included, and reserves it only if the write left room in that connection's pipeline and socket
 * buffer (porsager/postgres#1189, #823). Under load it did not: the transaction stayed open on
 * the server while the pool went on handing that connection to other queries, which ran inside
 * it, were never committed and held their locks. With the executor at 200 calls in flight on a
 * pool of 10, every run behind those locks stalled for good (bench:playbooks at 10,000 on
 * PostgreSQL). Here a transaction first takes an idle connection for itself (`sql.reserve`, which
 * never shares one), then runs BEGIN … COMMIT (or ROLLBACK) on it, and nested transactions are
 * savepoints, as drizzle expects of `begin` and `savepoint`.
 */
export function withReservedTransactions(client: Sql): Sql {
  async function begin(options: string | Body, body?: Body): Promise<unknown> {
    const fn = typeof options === "function" ? options : body!;
    const mode = typeof options === "string" ? options.replace(/[^a-z ]/gi, "") : "";
    const reserved = await client.reserve();
    try {
      const scope = inScope(reserved);
      await reserved.unsafe(`begin ${mode}`);
      return await settle(reserved, () => fn(scope), "commit", "rollback");
    } finally {
      reserved.release();
    }
  }
  return new Proxy(client, {
    get: (target, property, receiver) => (property === "begin" ? begin : Reflect.get(target, property, receiver)),
  });
}

function inScope(reserved: ReservedSql): Scope {
  const scope = reserved as Scope;
  let savepoints = 0;
  scope.savepoint = async (nameOrFn: unknown, maybeFn?: unknown) => {
    const fn = (typeof nameOrFn === "function" ? nameOrFn : maybeFn) as Body;
    const name = `s${savepoints++}`;
    await reserved.unsafe(`savepoint ${name}`);
    return settle(reserved, () => fn(scope), `release savepoint ${name}`, `rollback to savepoint ${name}`);
  };
  return scope;
}

/** Runs fn, then `done`; on its failure `undo`, and the failure is what the caller sees. */
async function settle(reserved: ReservedSql, fn: () => unknown, done: string, undo: string): Promise<unknown> {
  let result: unknown;
  try {
    const out = fn();
    result = await (Array.isArray(out) ? Promise.all(out) : out);
  } catch (e) {
    await reserved.unsafe(undo).catch(() => {});
    throw e;
  }
  await reserved.unsafe(done);
  return result;
}
