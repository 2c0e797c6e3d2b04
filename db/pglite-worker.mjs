// The embedded database on a thread of its own (db/pglite-thread.ts is the other end). Plain
// JavaScript: Node starts it as it is under tsx and vitest, and Next bundles it as a worker entry.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
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
const fail = (id, e) =>
  parentPort.postMessage({
    id,
    error: {
      name: e?.name ?? "Error",
      message: e?.message ?? String(e),
      fields: e && typeof e === "object" ? Object.fromEntries(Object.entries(e).filter(([, v]) => plain(v))) : {},
    },
  });

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

async function handle(m) {
  try {
    if (m.op === "query") {
      const on = m.transaction ? open.get(m.transaction)?.tx : pg;
      if (!on) throw new Error(`transaction ${m.transaction} is not open`);
      const r = await on.query(m.sql, m.params, optionsOf(m.options));
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
  pg = await PGlite.create(workerData.dir, { extensions: { pg_trgm } });
  parentPort.on("message", (m) => void handle(m));
  parentPort.postMessage({ ready: true });
} catch (e) {
  parentPort.postMessage({
    ready: false,
    error: { name: e?.name ?? "Error", message: e?.message ?? String(e), fields: {} },
  });
}
