import { describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { leads, pipelineStages } from "@/db/schema";
import { insertDemoLeads } from "@/db/seed/demo-leads";
import { getBoard } from "@/lib/leads/board";
import { createTestOrg, setupTestDb } from "./helpers";

const db = setupTestDb();

async function seeded() {
  const org = await createTestOrg(db());
  await insertDemoLeads(db(), org.orgId, 120, { ownerIds: [org.owner.id, org.rep.id], now: Date.UTC(2026, 10, 21) });
  const rows = await db()
    .select({
      title: leads.title,
      value: leads.value,
      stage: pipelineStages.name,
      score: leads.score,
      ownerId: leads.ownerId,
    })
    .from(leads)
    .innerJoin(pipelineStages, eq(pipelineStages.id, leads.stageId))
    .where(eq(leads.orgId, org.orgId))
    .orderBy(asc(pipelineStages.position), asc(leads.rank));
  return { org, rows };
}

describe("demo leads", () => {
  it("are deterministic, spread over every stage and owned by the owner, the rep or nobody", async () => {
    const a = await seeded();
    const b = await seeded();
    const strip = (rows: typeof a.rows) => rows.map(({ ownerId: _o, ...r }) => r);
    expect(strip(a.rows)).toEqual(strip(b.rows));
    expect(new Set(a.rows.map((r) => r.stage))).toEqual(new Set(["New", "MQL", "SQL", "Opportunity", "Won", "Lost"]));
    expect(a.rows.some((r) => r.ownerId === a.org.rep.id)).toBe(true);
    expect(a.rows.some((r) => r.ownerId === a.org.owner.id)).toBe(true);
    expect(a.rows.some((r) => r.ownerId === null)).toBe(true);
    const board = await getBoard(a.org.owner.ctx, {});
    expect(board.columns.reduce((s, c) => s + c.totals.count, 0)).toBe(120);
  });
});
