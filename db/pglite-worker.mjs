// The embedded database on a thread of its own (db/pglite-thread.ts is the other end). Plain
// JavaScript: Node starts it as it is under tsx and vitest, and Next bundles it as a worker entry.
import { readFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { parse, PGlite, protocol } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

const asIs = (value) => value;
/** Open transactions by id: the statements the other thread sends for one run inside it. */
const open = new Map();
let nextTransaction = 1;
let pg;

const reply = (id, result) => parentPort.postMessage({ id, result });
// Structured clone keeps an error's message but not PostgreSQL's fields (code, constraint…), and
// refuses the query options PGlite attaches (their parsers): the fields with plain values cross.
const plain = (v) => v === null || ["string", "number", "boolean"].includes(typeof v);
const errorOf = (e) => ({
  name: e?.name ?? "Error",
  message: e?.message ?? String(e),
  fields: e && typeof e === "object" ? Object.fromEntries(Object.entries(e).filter(([, v]) => plain(v))) : {},
});
const fail = (id, e) => parentPort.postMessage({ id, error: errorOf(e) });

/** The query options as they crossed the thread: parsers that keep a type's text as it is. */
function optionsOf(o) {
  if (!o) return undefined;
  return { rowMode: o.rowMode, parsers: Object.fromEntries(o.textTypes.map((t) => [t, asIs])), blob: o.blob };
}

function begin(id) {
  const transaction = nextTransaction++;
  let started = false;
  pg.transaction(
    (tx) =>
      new Promise((commit, rollBack) => {
        open.set(transaction, { tx, commit, rollBack });
        started = true;
        reply(id, transaction);
      }),
  ).then(
    () => open.get(transaction)?.ended?.(null),
    (e) => (started ? open.get(transaction)?.ended?.(e) : fail(id, e)),
  );
}

function end(id, transaction, commit) {
  const t = open.get(transaction);
  if (!t) return fail(id, new Error(`transaction ${transaction} is not open`));
  t.ended = (e) => {
    open.delete(transaction);
    // A rollback asked for is no failure; a commit that failed is.
    if (e && commit) fail(id, e);
    else reply(id, null);
  };
  if (commit) t.commit();
  else t.rollBack(new Error("rolled back"));
}

// Named statements, by text: PGlite's query() parses, analyses and plans every statement again,
// and the app repeats a few hundred texts (the query builder's and its own fixed SQL). A named
// statement is parsed once, and PostgreSQL stops planning it once a generic plan serves.
const { serialize } = protocol;
const named = new Map();
const MAX_NAMED = 2000;
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;
let nextName = 1;

/** What PGlite's query() does, with the statement parsed once under a name. */
async function runNamed(sql, params = [], options) {
  const steps = [];
  const run = async (message) => steps.push(...(await pg.execProtocolStream(message, { syncToFs: false })));
  try {
    let statement = named.get(sql);
    if (!statement) {
      const name = `tend_${nextName++}`;
      await run(serialize.parse({ name, text: sql }));
      const described = await pg.execProtocolStream(serialize.describe({ type: "S", name }), { syncToFs: false });
      const types = described.find((d) => d.name === "parameterDescription")?.dataTypeIDs ?? [];
      statement = { name, types };
      named.set(sql, statement);
    }
    const values = params.map((v, i) => {
      if (v === null || v === undefined) return null;
      const serializer = pg.serializers[statement.types[i]];
      return serializer ? serializer(v) : v.toString();
    });
    await run(serialize.bind({ statement: statement.name, values }));
    await run(serialize.describe({ type: "P" }));
    await run(serialize.execute({}));
  } catch (e) {
    // As query() reports it: the statement and its parameters with PostgreSQL's fields.
    if (e && typeof e === "object") Object.assign(e, { query: sql, params });
    throw e;
  } finally {
    steps.push(...(await pg.execProtocolStream(serialize.sync(), { syncToFs: false })));
  }
  return parse.parseResults(steps, pg.parsers, options)[0];
}

/**
 * A statement through a named one when it can be (data statements without a blob), else through
 * PGlite's query(). Under the same locks query() takes: outside a transaction, none may be open.
 */
async function query(on, sql, params, options) {
  if (options?.blob || !PREPARABLE.test(sql) || (!named.has(sql) && named.size >= MAX_NAMED))
    return on.query(sql, params, options);
  const inTransaction = on !== pg;
  const once = () => pg.runExclusive(() => runNamed(sql, params, options));
  try {
    return inTransaction ? await once() : await pg._runExclusiveTransaction(once);
  } catch (e) {
    // A table changed under a statement that returns its columns: parse it afresh. Outside a
    // transaction nothing was done, so it runs again at once; inside, the transaction has failed.
    if (e?.code !== "0A000" || !/cached plan must not change result type/.test(e.message ?? "")) throw e;
    named.delete(sql);
    if (inTransaction) throw e;
    return pg._runExclusiveTransaction(once);
  }
}

async function handle(m) {
  try {
    if (m.op === "query") {
      const on = m.transaction ? open.get(m.transaction)?.tx : pg;
      if (!on) throw new Error(`transaction ${m.transaction} is not open`);
      const r = await query(on, m.sql, m.params, optionsOf(m.options));
      reply(m.id, { rows: r.rows, fields: r.fields, affectedRows: r.affectedRows, blob: r.blob });
    } else if (m.op === "begin") begin(m.id);
    else if (m.op === "end") end(m.id, m.transaction, m.commit);
    else if (m.op === "close") {
      await pg.close();
      reply(m.id, null);
    }
  } catch (e) {
    fail(m.id, e);
  }
}

try {
  // pg_trgm backs the customer search index (migration 0004 creates the extension).
  // A data folder to start from (a tarball from PGlite's dumpDataDir): the test suite's migrated
  // template, so each test file skips initdb and the migrations.
  const loadDataDir = workerData.loadDataDir ? new Blob([readFileSync(workerData.loadDataDir)]) : undefined;
  pg = await PGlite.create(workerData.dir, { extensions: { pg_trgm }, loadDataDir });
  parentPort.on("message", (m) => void handle(m));
  parentPort.postMessage({ ready: true });
} catch (e) {
  parentPort.postMessage({ ready: false, error: errorOf(e) });
}
