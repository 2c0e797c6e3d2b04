import { randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { insertRows } from "@/db/insert-rows";
import { rowsOf } from "@/db/rows";
import { auditEvents, emailTemplates } from "@/db/schema";
import { dispatchTrigger } from "@/lib/playbooks/enrol";
import { logNode, logNodeOnce } from "@/lib/playbooks/run-log";
import { loadRunPlan } from "@/lib/playbooks/runner/run-state";
import { getTemplate } from "@/lib/email/templates";
import { logOf, playbookOrg } from "../playbooks/fixtures";
import { auditRow, setupTestDb } from "./helpers";

const getDb = setupTestDb();

const entry = (orgId: string, action: string) => auditRow(orgId, action);

/** The transaction that wrote each row: rows written by one statement (outside a transaction) share it. */
async function writers(db: Db, ids: string[]) {
  const result = await db.execute(
    sql`select xmin::text as x from ${auditEvents} where ${inArray(auditEvents.id, ids)}`,
  );
  return new Set(rowsOf<{ x: string }>(result).map((r) => r.x));
}

/** A run of payment_failed_rescue for the organisation's customer, enrolled without the executor. */
async function runOf(db: Db, o: Awaited<ReturnType<typeof playbookOrg>>) {
  const [e] = await dispatchTrigger(
    db,
    "crm/payment.failed",
    { orgId: o.orgId, contactId: o.contact.id },
    `crm/payment.failed:${randomUUID()}`,
    new Date(),
  );
  if (!e || "skipped" in e) throw new Error("not enrolled");
  return e.runId;
}

describe("writes and reads of the same moment share a statement (db/coalesce.ts)", () => {
  it("rows handed in together go in one statement; each caller reads back its own rows; a bad row fails only its caller", async () => {
    const db = getDb();
    const o = await playbookOrg(db);
    const rows = ["a", "b", "c"].map((action) => entry(o.orgId, action));
    const bad = entry(randomUUID(), "no such organisation");
    const asked = [...rows, bad].map((row) =>
      insertRows(db, auditEvents, [row], { returning: ["id", "action"], together: {} }),
    );
    const settled = await Promise.allSettled(asked);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "rejected"]);
    expect(settled.slice(0, 3).map((s) => (s as PromiseFulfilledResult<{ action: string }[]>).value)).toEqual(
      rows.map((r) => [{ id: r.id, action: r.action }]),
    );
    const stored = await db
      .select()
      .from(auditEvents)
      .where(
        inArray(
          auditEvents.id,
          [...rows, bad].map((r) => r.id),
        ),
      );
    expect(stored.map((r) => r.action).sort()).toEqual(["a", "b", "c"]);

    // Without the bad row, the three of the same moment are written by one statement.
    const again = ["d", "e", "f"].map((action) => entry(o.orgId, action));
    await Promise.all(again.map((row) => insertRows(db, auditEvents, [row], { together: {} })));
    expect(
      (
        await writers(
          db,
          again.map((r) => r.id),
        )
      ).size,
    ).toBe(1);
    // Written alone, each is its own statement: the check above can tell them apart.
    const alone = ["g", "h"].map((action) => entry(o.orgId, action));
    await Promise.all(alone.map((row) => insertRows(db, auditEvents, [row])));
    expect(
      (
        await writers(
          db,
          alone.map((r) => r.id),
        )
      ).size,
    ).toBe(2);
  });

  it("in a transaction, rows are the transaction's own: rolled back with it", async () => {
    const db = getDb();
    const o = await playbookOrg(db);
    const row = entry(o.orgId, "in a transaction");
    await expect(
      db.transaction(async (tx) => {
        await insertRows(tx, auditEvents, [row], { together: {} });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await db.select().from(auditEvents).where(eq(auditEvents.id, row.id))).toEqual([]);
  });

  it("a run's timeline lines of the same moment: a line is rewritten by its key, or kept when written once", async () => {
    const db = getDb();
    const o = await playbookOrg(db);
    const runId = await runOf(db, o);
    const line = { orgId: o.orgId, runId, nodeId: "n1", nodeType: "send_email", at: new Date() };
    await Promise.all([
      logNode(db, { ...line, key: "n1", status: "done", detail: "email queued" }),
      logNodeOnce(db, { ...line, nodeId: "w1", nodeType: "wait", key: "w1", status: "waiting", detail: "first" }),
    ]);
    await Promise.all([
      logNode(db, { ...line, key: "n1", status: "failed", detail: "email failed" }),
      logNodeOnce(db, { ...line, nodeId: "w1", nodeType: "wait", key: "w1", status: "waiting", detail: "second" }),
    ]);
    const log = await logOf(db, runId);
    expect(log.map((l) => [l.key, l.status, l.detail]).sort()).toEqual([
      ["n1", "failed", "email failed"],
      ["w1", "waiting", "first"],
    ]);
  });

  it("plans and templates read together: each run and template is found only for its own organisation", async () => {
    const db = getDb();
    const [a, b] = [await playbookOrg(db), await playbookOrg(db)];
    const [runA, runB] = [await runOf(db, a), await runOf(db, b)];
    const plans = await Promise.all([
      loadRunPlan(db, a.orgId, runA),
      loadRunPlan(db, b.orgId, runB),
      loadRunPlan(db, b.orgId, runA),
      loadRunPlan(db, a.orgId, runA.toUpperCase()),
    ]);
    expect(plans.map((p) => p?.contactId ?? null)).toEqual([a.contact.id, b.contact.id, null, a.contact.id]);
    expect(plans[0]!.context!.org.id).toBe(a.orgId);

    const [templateA] = await db.select().from(emailTemplates).where(eq(emailTemplates.orgId, a.orgId)).limit(1);
    const read = await Promise.allSettled([
      getTemplate(a.owner.ctx, templateA!.id),
      getTemplate(b.owner.ctx, templateA!.id),
      getTemplate(a.owner.ctx, "not-an-id"),
    ]);
    expect(read.map((r) => r.status)).toEqual(["fulfilled", "rejected", "rejected"]);
    expect((read[0] as PromiseFulfilledResult<{ id: string }>).value.id).toBe(templateA!.id);
    expect((read[1] as PromiseRejectedResult).reason.message).toMatch(/That template/);
  });
});
