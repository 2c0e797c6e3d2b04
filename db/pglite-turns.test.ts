import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { afterEach, describe, expect, it } from "vitest";
import { withTurnsBetweenStatements } from "./pglite-turns";

const open: PGlite[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

/** What runs first: the transaction's second statement, or a callback queued after its first. */
async function orderInTransaction(client: PGlite) {
  open.push(client);
  const db = drizzle(client);
  const order: string[] = [];
  await db.transaction(async (tx) => {
    await tx.execute(sql`select 1`);
    setImmediate(() => order.push("waiting callback"));
    await tx.execute(sql`select 2`);
    order.push("second statement");
  });
  // Both have run by now either way.
  await new Promise((resolve) => setImmediate(resolve));
  return order;
}

describe("statements on the embedded database", () => {
  it("give the event loop a turn before each one, inside a transaction too", async () => {
    expect(await orderInTransaction(withTurnsBetweenStatements(new PGlite()))).toEqual([
      "waiting callback",
      "second statement",
    ]);
  });

  it("hold it back otherwise (why the turns are needed)", async () => {
    expect(await orderInTransaction(new PGlite())).toEqual(["second statement", "waiting callback"]);
  });
});
