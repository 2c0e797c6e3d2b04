import { Worker } from "node:worker_threads";
import type { QueryOptions, Results } from "@electric-sql/pglite";

type Sent =
  | { op: "query"; sql: string; params?: unknown[]; options?: CrossingOptions; transaction?: number }
  | { op: "begin" }
  | { op: "end"; transaction: number; commit: boolean }
  | { op: "close" };
type CrossingOptions = { rowMode?: QueryOptions["rowMode"]; textTypes: number[]; blob?: Blob | File };
type Answer = {
  id: number;
  result?: unknown;
  error?: { name: string; message: string; fields: Record<string, unknown> };
};

/** What the query builder (drizzle-orm/pglite) and the migrator call on a PGlite client. */
export type PgliteQueries = {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
};
export type PgliteOnThread = PgliteQueries & {
  transaction<T>(run: (tx: PgliteQueries) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

/** A PostgreSQL error as the driver raised it on the other thread: same message, code, constraint… */
function errorFrom(e: NonNullable<Answer["error"]>): Error {
  const error = Object.assign(new Error(e.message), e.fields);
  error.name = e.name;
  return error;
}

const crossing = new WeakMap<QueryOptions, CrossingOptions>();

/**
 * Functions cannot cross threads. The query builder passes parsers only to keep some types' text
 * as it came (dates, intervals, numeric arrays); they cross as a list of those types, and any
 * other parser is refused rather than silently dropped.
 */
function crossingOptions(o: QueryOptions | undefined): CrossingOptions | undefined {
  if (!o) return undefined;
  let c = crossing.get(o);
  if (!c) {
    const unknown = Object.keys(o).filter((k) => !["rowMode", "parsers", "blob"].includes(k));
    if (unknown.length) throw new Error(`PGlite on a thread: the query option ${unknown.join(", ")} is not supported`);
    const textTypes = Object.entries(o.parsers ?? {}).map(([type, parse]) => {
      if (parse("1", Number(type)) !== "1")
        throw new Error(`PGlite on a thread: the parser for type ${type} must keep the text as it is`);
      return Number(type);
    });
    c = { rowMode: o.rowMode, textTypes, blob: o.blob };
    // A blob (COPY … FROM '/dev/blob') belongs to one statement: only the rest is reused.
    if (!o.blob) crossing.set(o, c);
  }
  return c;
}

/**
 * The embedded database on its own thread (db/pglite-worker.mjs). PGlite runs every statement
 * on the thread that calls it and holds that thread's event loop until it ends: on the app's
 * thread, a burst of background work (10,000 playbook runs) and every page waited on it in turn,
 * and the database's half of the work could not use a second core. Here the app's thread only
 * sends statements and reads their rows.
 */
export async function startPgliteThread(dir: string, options: { loadDataDir?: string } = {}): Promise<PgliteOnThread> {
  const worker = new Worker(new URL("./pglite-worker.mjs", import.meta.url), {
    workerData: { dir, loadDataDir: options.loadDataDir },
  });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 1;
  let gone: Error | null = null;
  const ready = new Promise<void>((resolve, reject) => {
    worker.once("message", (m: { ready: boolean; error?: Answer["error"] }) =>
      m.ready ? resolve() : reject(errorFrom(m.error!)),
    );
    worker.once("error", reject);
  });
  await ready;
  worker.on("message", (m: Answer) => {
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (waiting.size === 0) worker.unref();
    if (m.error) w.reject(errorFrom(m.error));
    else w.resolve(m.result);
  });
  const failAll = (e: Error) => {
    gone ??= e;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  worker.on("error", failAll);
  worker.on("exit", (code) => failAll(new Error(`the embedded database's thread stopped (exit code ${code})`)));
  // Idle, the thread must not keep the process alive (scripts end when their work does); a
  // statement in progress must, as a socket to PostgreSQL would.
  worker.unref();

  const send = <T>(message: Sent): Promise<T> => {
    if (gone) return Promise.reject(gone);
    const id = next++;
    if (waiting.size === 0) worker.ref();
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, ...message });
    });
  };
  const queriesIn = (transaction?: number): PgliteQueries => ({
    query: async <T>(sql: string, params?: unknown[], options?: QueryOptions) =>
      send<Results<T>>({ op: "query", sql, params, options: crossingOptions(options), transaction }),
  });

  return {
    ...queriesIn(),
    async transaction(run) {
      const transaction = await send<number>({ op: "begin" });
      let result;
      try {
        result = await run(queriesIn(transaction));
      } catch (e) {
        await send({ op: "end", transaction, commit: false });
        throw e;
      }
      await send({ op: "end", transaction, commit: true });
      return result;
    },
    async close() {
      if (gone) return;
      await send({ op: "close" });
      failAll(new Error("the embedded database is closed"));
      await worker.terminate();
    },
  };
}
