import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { withPreparedStatements } from "@/db/prepared-statements";
import { withReservedTransactions } from "@/db/reserved-transactions";
import { usingPostgres } from "./helpers";

/**
 * A pool of its own, named so its connections can be found in pg_stat_activity, with a short
 * pipeline: the flaw is at the end of a connection's pipeline, and a short one (the default is
 * 100 queries) reaches it at once. postgres.js reads max_pipeline but leaves it out of its types.
 */
function probePool(max: number) {
  const app = `tend-tx-${randomUUID().slice(0, 8)}`;
  const client = postgres(process.env.DATABASE_URL!, {
    max,
    onnotice: () => {},
    connection: { application_name: app },
    ...({ max_pipeline: 4 } as object),
  });
  return { app, client };
}

// PostgreSQL only: the embedded database has one connection and no pool to share it with.
describe.skipIf(!usingPostgres)("transactions on a busy PostgreSQL pool", () => {
  it("a transaction begun behind a full pipeline holds its connection and commits", async () => {
    const { app, client } = probePool(1);
    const pool = withReservedTransactions(client);
    try {
      await client`select 1`;
      // Four queries fill the open connection's pipeline; postgres.js's own begin would then write
      // BEGIN without reserving the connection (porsager/postgres#1189) and fail, leaving it open.
      const busy = Array.from({ length: 4 }, () => client`select pg_sleep(0.05)`.execute());
      const inside = pool.begin(async (tx) => (await tx`select 41 + 1 as n`)[0]!.n as number);
      await expect(inside).resolves.toBe(42);
      await Promise.all(busy);
      const [left] = await client`
        select count(*)::int as n from pg_stat_activity
        where application_name = ${app} and state like 'idle in transaction%'`;
      expect(left!.n).toBe(0);
    } finally {
      await client.end({ timeout: 5 });
    }
  });

  it("under load, through drizzle: each commits, a failed nested one is undone alone, a failed one rolls back", async () => {
    const { app, client } = probePool(2);
    const db = drizzle(withReservedTransactions(client));
    const table = sql.identifier(`tx_probe_${randomUUID().replaceAll("-", "")}`);
    await db.execute(sql`create table ${table} (n int not null)`);
    try {
      // Hundreds of plain queries pipelined on two connections, transactions among them.
      const work: Promise<unknown>[] = [];
      const committed: number[] = [];
      for (let i = 0; i < 600; i++) {
        if (i % 10 === 0)
          work.push(
            db.transaction(async (tx) => {
              await tx.execute(sql`insert into ${table} values (${i})`);
              // A nested transaction that fails is undone alone (a savepoint).
              await tx
                .transaction(async (inner) => {
                  await inner.execute(sql`insert into ${table} values (${-i - 1})`);
                  throw new Error("undo the inner one");
                })
                .catch(() => {});
              await tx.execute(sql`select pg_sleep(0.001)`);
              committed.push(i);
            }),
          );
        else work.push(db.execute(sql`select ${i}::int`));
      }
      const outcomes = await Promise.allSettled(work);
      expect(outcomes.filter((o) => o.status === "rejected")).toEqual([]);
      const rows = await db.execute<{ n: number }>(sql`select n from ${table} order by n`);
      expect(rows.map((r) => r.n)).toEqual(committed.sort((a, b) => a - b));
      const leaked = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from pg_stat_activity where application_name = ${app} and state like 'idle in transaction%'`,
      );
      expect(leaked[0]!.n).toBe(0);
      // A failed transaction is rolled back, and the error is the caller's.
      await expect(
        db.transaction(async (tx) => {
          await tx.execute(sql`insert into ${table} values (-9999)`);
          throw new Error("changed my mind");
        }),
      ).rejects.toThrow("changed my mind");
      const after = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${table} where n = -9999`);
      expect(after[0]!.n).toBe(0);
    } finally {
      await db.execute(sql`drop table if exists ${table}`);
      await client.end({ timeout: 5 });
    }
  });

  it("drizzle's queries are named statements, described once per connection, outside and inside transactions", async () => {
    const { client } = probePool(1);
    // The same query text twice, then count the statements this connection holds for it.
    const preparedFor = async (db: ReturnType<typeof drizzle>) => {
      const marker = randomUUID();
      const probe = () => db.execute(sql`select ${1}::int as n -- ${sql.raw(marker)}`);
      await probe();
      await probe();
      const outside = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from pg_prepared_statements where statement like ${`%${marker}%`}`,
      );
      const inside = await db.transaction(async (tx) => {
        const again = randomUUID();
        await tx.execute(sql`select ${2}::int as n -- ${sql.raw(again)}`);
        await tx.execute(sql`select ${2}::int as n -- ${sql.raw(again)}`);
        return tx.execute<{ n: number }>(
          sql`select count(*)::int as n from pg_prepared_statements where statement like ${`%${again}%`}`,
        );
      });
      return [outside[0]!.n, inside[0]!.n];
    };
    try {
      expect(await preparedFor(drizzle(withReservedTransactions(withPreparedStatements(client))))).toEqual([1, 1]);
      // Without the wrapper (DATABASE_PREPARE=false), drizzle's own way: unnamed, nothing kept.
      expect(await preparedFor(drizzle(withReservedTransactions(client)))).toEqual([0, 0]);
    } finally {
      await client.end({ timeout: 5 });
    }
  });
});
