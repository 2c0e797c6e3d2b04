import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite as PGliteHere, types } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import type { PGlite } from "@electric-sql/pglite";
import { afterEach, describe, expect, it } from "vitest";
import { startPgliteThread, type PgliteOnThread } from "./pglite-thread";

const open: PgliteOnThread[] = [];
async function database() {
  const pg = await startPgliteThread("memory://");
  open.push(pg);
  await pg.query("create table items (id int primary key, name text unique, at timestamptz, data jsonb)");
  return pg;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((pg) => pg.close()));
});

const names = async (pg: PgliteOnThread) =>
  (await pg.query<{ name: string }>("select name from items order by id")).rows.map((r) => r.name);

// Each test starts a database of its own: 3.5–4 s on a busy 2-core machine, near the default 5 s.
describe("PGlite on its own thread", { timeout: 30_000 }, () => {
  it("answers statements with PGlite's own rows, in either row mode, and keeps the types asked for as text", async () => {
    const pg = await database();
    await pg.query("insert into items values ($1, $2, $3, $4)", [1, "one", "2026-12-06T10:00:00Z", { n: 1 }]);
    const objects = await pg.query<{ id: number; at: Date; data: unknown }>("select id, at, data from items");
    expect(objects.rows).toEqual([{ id: 1, at: new Date("2026-12-06T10:00:00Z"), data: { n: 1 } }]);
    expect(objects.fields.map((f) => f.name)).toEqual(["id", "at", "data"]);
    const arrays = await pg.query("select id, at from items", [], {
      rowMode: "array",
      parsers: { [types.TIMESTAMPTZ]: (text: string) => text },
    });
    expect(arrays.rows).toEqual([[1, "2026-12-06 10:00:00+00"]]);
  });

  it("refuses a parser that would change the text, instead of dropping it on the way", async () => {
    const pg = await database();
    await expect(
      pg.query("select 1", [], { parsers: { [types.INT4]: (text: string) => Number(text) * 2 } }),
    ).rejects.toThrow("the parser for type 23 must keep the text as it is");
  });

  it("raises PostgreSQL's errors with their code and constraint, as the drivers do", async () => {
    const pg = await database();
    await pg.query("insert into items (id, name) values (1, 'one')");
    const error = await pg.query("insert into items (id, name) values (2, 'one')").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: "23505", constraint: "items_name_key" });
    expect((error as Error).message).toContain("duplicate key value");
  });

  it("commits a transaction's statements together, and a transaction that throws leaves nothing behind", async () => {
    const pg = await database();
    await pg.transaction(async (tx) => {
      await tx.query("insert into items (id, name) values (1, 'kept')");
      await tx.query("insert into items (id, name) values (2, 'kept too')");
    });
    const failure = new Error("the caller changed its mind");
    await expect(
      pg.transaction(async (tx) => {
        await tx.query("insert into items (id, name) values (3, 'dropped')");
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await names(pg)).toEqual(["kept", "kept too"]);
  });

  it("holds other statements back until a transaction ends, as PGlite does on one thread", async () => {
    const pg = await database();
    const order: string[] = [];
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const transaction = pg.transaction(async (tx) => {
      await tx.query("insert into items (id, name) values (1, 'in the transaction')");
      await held;
      order.push("transaction ends");
    });
    await new Promise((r) => setTimeout(r, 20));
    const outside = pg.query("select count(*)::int as n from items").then((r) => {
      order.push("outside answered");
      return r.rows[0];
    });
    await new Promise((r) => setTimeout(r, 50));
    release();
    await transaction;
    expect(await outside).toEqual({ n: 1 });
    expect(order).toEqual(["transaction ends", "outside answered"]);
  });

  it("fails a transaction whose commit fails, and rolls it back", async () => {
    const pg = await database();
    await pg.query(
      "create table links (id int primary key, item int references items (id) deferrable initially deferred)",
    );
    await expect(
      pg.transaction(async (tx) => {
        await tx.query("insert into links values (1, 99)");
      }),
    ).rejects.toMatchObject({ code: "23503" });
    expect((await pg.query("select * from links")).rows).toEqual([]);
  });

  it("serves the query builder: nested transactions roll back to their savepoint", async () => {
    const pg = await database();
    const db = drizzle({ client: pg as unknown as PGlite });
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into items (id, name) values (1, 'outer')`);
      await tx
        .transaction(async (inner) => {
          await inner.execute(sql`insert into items (id, name) values (2, 'inner')`);
          inner.rollback();
        })
        .catch(() => {});
    });
    expect(await names(pg)).toEqual(["outer"]);
    const duplicate = await db.execute(sql`insert into items (id, name) values (3, 'outer')`).catch((e: Error) => e);
    expect((duplicate as Error & { cause?: { code?: string } }).cause?.code).toBe("23505");
  });

  it("answers a statement it has seen before with that call's own parameters and rows", async () => {
    const pg = await database();
    const insert = "insert into items (id, name, at, data) values ($1, $2, $3, $4) returning id, data";
    for (let id = 1; id <= 8; id++) {
      const r = await pg.query(insert, [id, `item ${id}`, id % 2 ? null : new Date(Date.UTC(2026, 11, id)), { id }]);
      expect(r.rows).toEqual([{ id, data: { id } }]);
      expect(r.affectedRows).toBe(1);
    }
    const byId = "select name, at from items where id = $1";
    expect((await pg.query(byId, [2])).rows).toEqual([{ name: "item 2", at: new Date(Date.UTC(2026, 11, 2)) }]);
    expect((await pg.query(byId, [3])).rows).toEqual([{ name: "item 3", at: null }]);
    expect((await pg.query(byId, [99])).rows).toEqual([]);
    const again = await pg.query(insert, [9, "item 1", null, null]).catch((e: unknown) => e);
    expect(again).toMatchObject({ code: "23505", constraint: "items_name_key" });
    const wrong = await pg.query("select nme from items where id = $1", [1]).catch((e: unknown) => e);
    expect(wrong).toMatchObject({ code: "42703" });
    expect((await pg.query(byId, [1])).rows).toEqual([{ name: "item 1", at: null }]);
  });

  it("answers a repeated statement after its table changed under it", async () => {
    const pg = await database();
    await pg.query("insert into items (id, name) values (1, 'one')");
    const all = "select * from items where id = $1";
    expect(Object.keys((await pg.query<object>(all, [1])).rows[0]!)).toEqual(["id", "name", "at", "data"]);
    await pg.query("alter table items add column note text");
    expect(Object.keys((await pg.query<object>(all, [1])).rows[0]!)).toEqual(["id", "name", "at", "data", "note"]);
  });

  it("copies rows from a blob, and runs the same COPY again with another blob", async () => {
    const pg = await database();
    const copy = "copy items (id, name) from '/dev/blob' with (format csv)";
    await pg.query(copy, [], { blob: new Blob(["1,one\n2,two\n"]) });
    await pg.query(copy, [], { blob: new Blob(["3,three\n"]) });
    expect(await names(pg)).toEqual(["one", "two", "three"]);
  });

  it("refuses statements once closed", async () => {
    const pg = await startPgliteThread("memory://");
    await pg.close();
    await expect(pg.query("select 1")).rejects.toThrow("the embedded database is closed");
  });

  it("starts from a dumped data folder when given one, with its tables and rows", async () => {
    const source = await PGliteHere.create();
    await source.exec("create table kept (name text); insert into kept values ('from the template')");
    const file = path.join(tmpdir(), `tend-pglite-thread-test-${process.pid}.tar`);
    writeFileSync(file, Buffer.from(await (await source.dumpDataDir("none")).arrayBuffer()));
    await source.close();
    try {
      const pg = await startPgliteThread("memory://", { loadDataDir: file });
      open.push(pg);
      expect((await pg.query<{ name: string }>("select name from kept")).rows).toEqual([{ name: "from the template" }]);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
