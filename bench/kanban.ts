// npm run bench:kanban — the lead board at 10,000 leads, on PGlite (in memory) and PostgreSQL.
//   board_ms_p95:   getBoard (first page of every column + the column aggregates), server side
//   raw_sql_ms_p95: the same rows and aggregates by one hand-written SQL statement
//   ratio:          board / raw
//   move_ms_p95:    moveLead, the logic behind the move server action (session lookup excluded)
// Targets on PostgreSQL: ratio ≤ 2, move p95 ≤ 50 ms. Never touches the demo data folder: PGlite
// runs in memory, and PostgreSQL gets a fresh organisation that is deleted afterwards.
// PostgreSQL URL: BENCH_DATABASE_URL, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { openDatabase, type Db } from "@/db/client";
import { users } from "@/db/schema";
import { insertDemoLeads } from "@/db/seed/demo-leads";
import { getBoard } from "@/lib/leads/board";
import { moveLead } from "@/lib/leads/move";
import { loadPipeline } from "@/lib/leads/pipeline";
import { BOARD_PAGE_SIZE } from "@/lib/leads/constants";
import { createBenchOrg, p95 as nearestRankP95 } from "./support";

const LEADS = Number(process.env.BENCH_LEADS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);

const p95 = (xs: number[]) => Math.round(nearestRankP95(xs) * 100) / 100;
async function time(fn: () => Promise<unknown>, runs = RUNS): Promise<number[]> {
  for (let i = 0; i < 3; i++) await fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

function rawBoardQuery(orgId: string) {
  return sql`
    with totals as (
      select l.stage_id, count(*)::int as n, coalesce(sum(l.value), 0)::float8 as total, coalesce(sum(l.value * s.probability) / 100, 0)::float8 as weighted
      from leads l join pipeline_stages s on s.id = l.stage_id
      where l.org_id = ${orgId} group by l.stage_id
    )
    select s.id as stage_id, s.name, t.n, t.total, t.weighted, c.*
    from pipeline_stages s
    left join totals t on t.stage_id = s.id
    left join lateral (
      select l.id, l.title, l.company, l.value, l.score, l.owner_id, u.name as owner_name, l.rank, l.status, l.stage_entered_at, l.contact_id, l.lost_reason, l.expected_close_date
      from leads l left join users u on u.id = l.owner_id
      where l.org_id = ${orgId} and l.stage_id = s.id
      order by l.rank limit ${BOARD_PAGE_SIZE + 1}
    ) c on true
    where s.org_id = ${orgId}
    order by s.position, c.rank`;
}

async function benchOne(driver: "pglite" | "postgres", db: Db) {
  const org = await createBenchOrg(db, { name: `Bench ${randomUUID().slice(0, 8)}` });
  const { orgId, ctx } = org;
  try {
    const [rep] = await db
      .insert(users)
      .values({
        orgId,
        email: `bench-rep-${randomUUID()}@example.test`,
        name: "Bench rep",
        role: "rep",
        passwordHash: "x",
      })
      .returning({ id: users.id });
    const seedStart = performance.now();
    await insertDemoLeads(db, orgId, LEADS, { ownerIds: [org.ownerId, rep!.id], seed: 10_000, withHistory: false });
    const seedMs = Math.round(performance.now() - seedStart);
    await db.execute(sql`analyze leads`);

    const board = await time(() => getBoard(ctx, {}));
    const raw = await time(() => db.execute(rawBoardQuery(orgId)));

    const stages = (await loadPipeline(db, orgId)).stages.filter((s) => s.kind === "open");
    const first = await getBoard(ctx, {});
    const movable = first.columns.filter((c) => c.stage.kind === "open").flatMap((c) => c.cards);
    let i = 0;
    const moves = await time(async () => {
      const card = movable[i % movable.length]!;
      const to = stages[(i + 1) % stages.length]!;
      const anchor = first.columns.find((c) => c.stage.id === to.id)!.cards[2];
      i++;
      await moveLead(ctx, {
        leadId: card.id,
        toStageId: to.id,
        afterId: anchor && anchor.id !== card.id ? anchor.id : null,
      });
    });
    const result = {
      driver,
      leads: LEADS,
      seed_ms: seedMs,
      board_ms_p95: p95(board),
      raw_sql_ms_p95: p95(raw),
      ratio: Math.round((p95(board) / p95(raw)) * 100) / 100,
      move_ms_p95: p95(moves),
    };
    return result;
  } finally {
    await org.remove();
  }
}

async function main() {
  const only = process.argv.find((a) => a.startsWith("--driver="))?.split("=")[1];
  const results: object[] = [];
  if (!only || only === "pglite") {
    const handle = await openDatabase({ kind: "pglite", dir: "memory://" });
    try {
      results.push(await benchOne("pglite", handle.db));
    } finally {
      await handle.close();
    }
    console.log(JSON.stringify(results.at(-1)));
  }
  if (!only || only === "postgres") {
    const url = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
    try {
      const handle = await openDatabase({ kind: "postgres", url });
      try {
        results.push(await benchOne("postgres", handle.db));
      } finally {
        await handle.close();
      }
      console.log(JSON.stringify(results.at(-1)));
    } catch (error) {
      console.error(`PostgreSQL skipped (${url}): ${(error as Error).message}`);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
