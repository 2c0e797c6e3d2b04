// npm run bench:customers — customer search, timeline paging and CSV import at scale.
//   DATABASE_URL set → PostgreSQL; otherwise a fresh PGlite folder under .data/bench-customers.
//   BENCH_CONTACTS (100000) and BENCH_INTERACTIONS (1000000) scale the data set down if needed.
// Last line: {"driver","contacts","interactions","search_ms_p95","timeline_page_ms_p95","import_100k_s","copy_100k_s"}.
// Targets on PostgreSQL: search p95 ≤ 100 ms, timeline p95 ≤ 50 ms, import ≤ 5 × COPY.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql } from "drizzle-orm";
import { listContacts } from "@/lib/customers/list";
import { parseListFilters } from "@/lib/customers/list.schema";
import { contactTimeline } from "@/lib/customers/timeline";
import { createImportJob } from "@/lib/customers/import/jobs";
import { runImport } from "@/lib/customers/import/run-import";
import { guessMapping } from "@/lib/customers/import/fields";
import { rowsOf } from "@/db/rows";
import { createBenchOrg, log, openBenchDatabase, p95 } from "./support";

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);
const INTERACTIONS = Number(process.env.BENCH_INTERACTIONS ?? 1_000_000);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const HEAVY_TIMELINE = 5_000;

async function main() {
  const { db, target, cleanup } = await openBenchDatabase("customers");
  const org = await createBenchOrg(db);
  const { orgId, ctx } = org;
  try {
    let t = performance.now();
    // Generated in the database: the data set is the subject, not how fast we can send it.
    await db.execute(sql`
      insert into contacts (org_id, first_name, last_name, email, phone, company, lifecycle_stage, created_at, last_seen_at)
      select ${orgId}, (array['Amelia','Noah','Olivia','Liam','Sofia','Mateo','Aisha','Kenji','Lucas','Priya','Ethan','Fatima'])[1 + i % 12] || i,
        (array['Smith','Garcia','Muller','Rossi','Dubois','Tanaka','Okafor','Silva','Nguyen','Patel','Brown','Kim'])[1 + (i / 12) % 12],
        'person' || i || '@shop' || (i % 977) || '.example', '+1 555 ' || lpad(i::text, 7, '0'),
        (array['Bluebird','Harbor','Juniper','Maple','Northwind','Orchard'])[1 + i % 6] || ' ' || (array['Bakery','Studio','Dental','Fitness','Florist'])[1 + i % 5] || ' ' || (i % 1000),
        (array['lead','active','vip','at_risk','churned'])[1 + i % 5]::lifecycle_stage, now() - (i % 700) * interval '1 day', now() - (i % 365) * interval '1 day'
      from generate_series(1, ${CONTACTS}) i`);
    log(`${CONTACTS} contacts in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    const heavyId = rowsOf<{ id: string }>(
      await db.execute(sql`select id from contacts where org_id = ${orgId} order by created_at, id limit 1`),
    )[0]!.id;
    // One customer gets 5,000 entries; the rest are spread over everyone.
    for (let done = 0; done < INTERACTIONS; done += 200_000) {
      const n = Math.min(200_000, INTERACTIONS - done);
      await db.execute(sql`
        with c as (select array_agg(id order by id) as ids from contacts where org_id = ${orgId}),
        g as (select i, case when i <= ${HEAVY_TIMELINE} and ${done} = 0 then ${heavyId}::uuid else c.ids[1 + (i * 7919) % array_length(c.ids, 1)] end as contact_id from generate_series(1, ${n}) i, c),
        ins as (
          insert into interactions (org_id, contact_id, type, direction, subject, occurred_at)
          select ${orgId}, contact_id, 'call', 'outbound', 'Call ' || i, now() - (i + ${done}) * interval '1 minute' from g
          returning id, contact_id, subject, occurred_at
        )
        insert into activities (org_id, contact_id, type, subject_type, subject_id, actor_id, occurred_at, data)
        select ${orgId}, contact_id, 'interaction.logged', 'interaction', id, ${org.ownerId}, occurred_at, jsonb_build_object('kind', 'call', 'label', 'Call', 'subject', subject) from ins`);
      log(`${done + n} interactions…`);
    }
    await db.execute(sql`analyze contacts`);
    await db.execute(sql`analyze activities`);
    log(`${INTERACTIONS} interactions + timeline entries in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const terms = [
      "amelia12",
      "person4242",
      "smith",
      "northwind bakery",
      "555 0012",
      "5550099",
      "shop17.example",
      "garcia",
      "juniper",
      "priya99",
      "okafor",
      "florist 42",
      "kenji",
      "person99999@",
      "tanaka",
      "harbor studio",
    ];
    const search: number[] = [];
    for (let round = 0; round < 4; round++) {
      for (const q of terms) {
        const s = performance.now();
        await listContacts(ctx, parseListFilters({ q }));
        search.push(performance.now() - s);
      }
    }
    const timeline: number[] = [];
    for (let round = 0; round < 3; round++) {
      let cursor: string | undefined;
      for (let page = 0; page < 20; page++) {
        const s = performance.now();
        const r = await contactTimeline(ctx, heavyId, { cursor });
        timeline.push(performance.now() - s);
        cursor = r.nextCursor ?? undefined;
      }
    }
    log(
      `search p95 ${p95(search).toFixed(1)} ms over ${search.length}; timeline page p95 ${p95(timeline).toFixed(1)} ms over ${timeline.length}`,
    );

    const lines = ["First name,Last name,Email,Phone,Company"];
    for (let i = 0; i < IMPORT_ROWS; i++)
      lines.push(
        `Imp${i},Row${i},imp${i}-${orgId.slice(0, 8)}@import.example,+1 666 ${String(i).padStart(7, "0")},Import Co ${i % 300}`,
      );
    const text = lines.join("\n");
    t = performance.now();
    const importId = await createImportJob(ctx, {
      fileName: "bench.csv",
      text,
      mapping: guessMapping(lines[0]!.split(",")),
      mode: "skip",
    });
    await runImport(async () => db, { orgId, importId }, { run: async (_id, fn) => fn() });
    const importS = (performance.now() - t) / 1000;
    log(`import of ${IMPORT_ROWS} rows: ${importS.toFixed(1)} s`);

    let copyS: number | null = null;
    const csv = lines
      .slice(1)
      .map((l) => `${orgId},${l.replace("@import.example", "@copy.example")}`)
      .join("\n");
    t = performance.now();
    if (target.kind === "postgres") {
      const { default: postgres } = await import("postgres");
      const client = postgres(target.url, { max: 1 });
      const writable =
        await client`copy contacts (org_id, first_name, last_name, email, phone, company) from stdin with (format csv)`.writable();
      await pipeline(Readable.from([csv]), writable);
      await client.end();
    } else {
      const pg = (db as unknown as { $client: { query: (q: string, p: unknown[], o: unknown) => Promise<unknown> } })
        .$client;
      await pg.query(
        "copy contacts (org_id, first_name, last_name, email, phone, company) from '/dev/blob' with (format csv)",
        [],
        { blob: new Blob([csv]) },
      );
    }
    copyS = (performance.now() - t) / 1000;
    log(`COPY of ${IMPORT_ROWS} rows: ${copyS.toFixed(1)} s`);

    console.log(
      JSON.stringify({
        driver: target.kind,
        contacts: CONTACTS,
        interactions: INTERACTIONS,
        search_ms_p95: Number(p95(search).toFixed(1)),
        timeline_page_ms_p95: Number(p95(timeline).toFixed(1)),
        import_100k_s: Number(importS.toFixed(2)),
        copy_100k_s: Number(copyS.toFixed(2)),
        import_rows: IMPORT_ROWS,
      }),
    );
  } finally {
    await org.remove();
    await cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
