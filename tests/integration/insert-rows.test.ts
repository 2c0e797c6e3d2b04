import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { pgTable, text, uuid } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { insertRows } from "@/db/insert-rows";
import { auditEvents, executorRuns } from "@/db/schema";
import { auditRow, createTestOrg, setupTestDb } from "./helpers";

const getDb = setupTestDb();

const run = (over: Partial<typeof executorRuns.$inferInsert> = {}) => ({
  id: randomUUID(),
  env: `env-${randomUUID().slice(0, 8)}`,
  functionId: "app-fn",
  orgId: null,
  eventId: "evt-1",
  event: { name: "crm/x", data: { quote: `it's "quoted"`, emoji: "🌱", nested: [1, { a: null }] } },
  events: null,
  maxAttempts: 5,
  concurrencyKey: "",
  throttleKey: null,
  idempotencyKey: null,
  dueAt: new Date("2026-12-06T10:00:00.123Z"),
  createdAt: new Date("2026-12-06T09:59:59.000Z"),
  ...over,
});

describe("insertRows (one jsonb parameter per statement)", () => {
  it("stores what the query builder stores, and the table's defaults for columns not given", async () => {
    const db = getDb();
    const a = run();
    const b = run({ env: a.env, events: [{ name: "crm/x", data: {} }], throttleKey: "t", orgId: null });
    await insertRows(db, executorRuns, [a]);
    await db.insert(executorRuns).values({ ...b, id: randomUUID() });
    await insertRows(db, executorRuns, [{ ...b }]);
    const rows = await db.select().from(executorRuns).where(eq(executorRuns.env, a.env));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const mine = byId.get(a.id)!;
    expect(mine).toMatchObject({ ...a, status: "queued", attempt: 0, stack: [], planned: [], output: null });
    // The same values through the query builder and through insertRows read back the same.
    const viaBuilder = rows.find((r) => r.id !== a.id && r.id !== b.id)!;
    const viaRows = byId.get(b.id)!;
    expect({ ...viaRows, id: "", startedAt: null }).toEqual({ ...viaBuilder, id: "", startedAt: null });
  });

  it("skips rows whose key is taken and reads back the columns asked for", async () => {
    const db = getDb();
    const org = await createTestOrg(db);
    const entry = (action: string) => auditRow(org.orgId, action, { name: "New" });
    const first = await insertRows(db, auditEvents, [entry("a")], {
      returning: ["id", "createdAt"],
    });
    expect(first[0]!.createdAt).toBeInstanceOf(Date);
    const again = await insertRows(db, auditEvents, [{ ...entry("again"), id: first[0]!.id }, entry("b")], {
      onConflictDoNothing: true,
      returning: ["id", "action"],
    });
    expect(again.map((r) => r.action)).toEqual(["b"]);
    const stored = await db
      .select({ action: auditEvents.action, before: auditEvents.before, after: auditEvents.after })
      .from(auditEvents)
      .where(inArray(auditEvents.id, [first[0]!.id, again[0]!.id]));
    expect(stored.map((r) => r.action).sort()).toEqual(["a", "b"]);
    expect(stored[0]).toMatchObject({ before: null, after: { name: "New" } });
  });

  it("refuses rows that give different columns, naming the table and the column, and stores none", async () => {
    const db = getDb();
    const a = run();
    const { throttleKey: _, ...lacking } = run({ env: a.env });
    await expect(insertRows(db, executorRuns, [a, lacking as typeof a])).rejects.toThrow(
      "insertRows(executor_runs): row 1 lacks throttleKey",
    );
    expect(await db.select().from(executorRuns).where(eq(executorRuns.env, a.env))).toEqual([]);
  });

  it("refuses a table whose default is computed in JavaScript when the column is not given", async () => {
    const withJsDefault = pgTable("insert_rows_probe", {
      id: uuid("id").primaryKey(),
      code: text("code").$defaultFn(() => "made-in-js"),
    });
    await expect(insertRows(getDb(), withJsDefault, [{ id: randomUUID() }])).rejects.toThrow(
      "insertRows(insert_rows_probe): code has a default computed in JavaScript; give it",
    );
  });
});
