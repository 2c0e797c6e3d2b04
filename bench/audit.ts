// npm run bench:audit — the audit log page's queries on a large log.
//   DATABASE_URL set → PostgreSQL; otherwise a fresh PGlite folder under .data/bench-audit.
//   BENCH_AUDIT_ROWS (1000000) scales the log; BENCH_ROUNDS (30) the timed runs per query.
// Rows are generated in the database (generate_series, 200k per statement): the subject is
// reading the log, not sending it. The first page (no filter) and a filtered page (one actor,
// the last 30 days in the organisation's zone) go through listAuditEntries — the function the
// page calls — and, beside it, the same statement hand-written (the floor: no parsing, no join).
// Last line: {"driver","rows","first_page_ms_p95","filtered_ms_p95",...}. Targets on PostgreSQL: both ≤ 50 ms.
import { sql } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import { users } from "@/db/schema";
import { auditPageQuery, listAuditEntries } from "@/lib/audit/query";
import { auditFiltersSchema } from "@/lib/audit/filters";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { createBenchOrg, log, openBenchDatabase, p95 } from "./support";

const ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const TEAM = 20;
const ZONE = "America/New_York";

/** A text[] literal from values, each one a bound parameter. */
const textArray = (values: string[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;

/** The statement with its parameters written in (EXPLAIN takes no bind parameters here). */
function inline(text: string, params: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, i: string) => {
    const v = params[Number(i) - 1];
    if (v === null || v === undefined) return "null";
    return `'${String(v instanceof Date ? v.toISOString() : v).replaceAll("'", "''")}'`;
  });
}
const planText = (result: unknown) =>
  ((Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, string>[])
    .map((r) => Object.values(r)[0])
    .join("\n");

async function timed(rounds: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm the cache and the plan
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

async function main() {
  const { db, driver, cleanup } = await openBenchDatabase("audit");
  const org = await createBenchOrg(db, { timeZone: ZONE });
  const { orgId, ctx } = org;
  try {
    const team = await db
      .insert(users)
      .values(
        Array.from({ length: TEAM }, (_, i) => ({
          orgId,
          email: `bench-audit-${i}-${orgId.slice(0, 8)}@bench.example`,
          name: `Teammate ${i}`,
          role: "rep" as const,
          passwordHash: "x",
        })),
      )
      .returning({ id: users.id });
    const actorKeys = [...team.map((u) => `user:${u.id}`), "system:playbook", "system:detectors", "api_key:bench"];
    const actions = Object.keys(AUDIT_ACTIONS);

    // Two years of history, newest first at i = 1, one entry every ~63 s on average.
    const spanSeconds = 2 * 365 * 86_400;
    let t = performance.now();
    for (let done = 0; done < ROWS; done += 200_000) {
      const n = Math.min(200_000, ROWS - done);
      await db.execute(sql`
        with k as (select ${textArray(actorKeys)} as actors, ${textArray(actions)} as actions,
          ${textArray(team.map((u) => u.id))}::uuid[] as people)
        insert into audit_events (org_id, actor_kind, actor_id, actor_key, actor_label, action, target_type, target_id,
          target_label, before, after, data, ip, created_at)
        select ${orgId}::uuid,
          case when a.key like 'user:%' then 'user' when a.key like 'system:%' then 'system' else 'api_key' end,
          case when a.key like 'user:%' then k.people[1 + (g.i % ${team.length}::int)] end,
          a.key, case when a.key like 'user:%' then '' else a.key end,
          k.actions[1 + (g.i * 7) % array_length(k.actions, 1)], 'customer', gen_random_uuid(), 'Customer ' || g.i,
          jsonb_build_object('stage', 'lead'), jsonb_build_object('stage', 'active'), '{}'::jsonb, '203.0.113.' || (g.i % 250),
          now() - ((g.i::float8 / ${ROWS}::float8) * ${spanSeconds}::float8) * interval '1 second'
        from generate_series(${done + 1}::int, ${done + n}::int) g(i), k,
          lateral (select k.actors[1 + (g.i % array_length(k.actors, 1))] as key) a`);
      log(`${done + n} rows…`);
    }
    const insertMs = performance.now() - t;
    t = performance.now();
    await db.execute(sql`analyze audit_events`);
    log(
      `${ROWS} audit rows in ${(insertMs / 1000).toFixed(1)} s (${Math.round(ROWS / (insertMs / 1000))} rows/s), analyze ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    const today = Temporal.Now.plainDateISO(ZONE);
    const filters = {
      actor: actorKeys[3]!,
      from: today.subtract({ days: 30 }).toString(),
      to: today.toString(),
    };
    const first = await listAuditEntries(ctx, {});
    const filtered = await listAuditEntries(ctx, filters);
    log(
      `first page ${first.entries.length} entries; filtered page ${filtered.entries.length} (actor ${filters.actor})`,
    );
    if (first.entries.length !== 50 || filtered.entries.length === 0)
      throw new Error("The bench data set is not as expected");

    const firstMs = await timed(ROUNDS, () => listAuditEntries(ctx, {}));
    const filteredMs = await timed(ROUNDS, () => listAuditEntries(ctx, filters));
    // Page 2 of the filtered view, through its cursor: keyset paging costs what page 1 costs.
    const nextMs = filtered.nextCursor
      ? await timed(ROUNDS, () => listAuditEntries(ctx, { ...filters, cursor: filtered.nextCursor }))
      : [];

    // The floor: the same reads hand-written, without the session-side parsing or the people join.
    const from = new Date(Temporal.PlainDate.from(filters.from).toZonedDateTime(ZONE).epochMilliseconds);
    const firstFloor = await timed(ROUNDS, () =>
      db.execute(
        sql`select * from audit_events where org_id = ${orgId}::uuid order by created_at desc nulls last, id desc nulls last limit 51`,
      ),
    );
    const filteredFloor = await timed(ROUNDS, () =>
      db.execute(sql`select * from audit_events where org_id = ${orgId}::uuid and actor_key = ${filters.actor}
        and created_at >= ${from.toISOString()}::timestamptz order by created_at desc nulls last, id desc nulls last limit 51`),
    );
    // What the page itself runs, as PostgreSQL plans and times it.
    for (const [name, f] of [
      ["first page", {}],
      ["filtered", filters],
    ] as const) {
      const q = auditPageQuery(ctx, auditFiltersSchema.parse(f), ZONE, 50).toSQL();
      const plan = await db.execute(sql.raw(`explain analyze ${inline(q.sql, q.params)}`));
      log(`${name} plan:\n${planText(plan)}`);
    }

    const round = (n: number) => Math.round(n * 100) / 100;
    const result = {
      driver,
      rows: ROWS,
      first_page_ms_p95: round(p95(firstMs)),
      filtered_ms_p95: round(p95(filteredMs)),
      filtered_next_page_ms_p95: nextMs.length ? round(p95(nextMs)) : null,
      first_page_floor_ms_p95: round(p95(firstFloor)),
      filtered_floor_ms_p95: round(p95(filteredFloor)),
      insert_rows_per_s: Math.round(ROWS / (insertMs / 1000)),
      target_ms: 50,
    };
    console.log(JSON.stringify(result));
  } finally {
    await org.remove();
    await cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
