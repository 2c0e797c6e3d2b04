// npm run bench:segments — segment counts and membership refresh at scale.
//   DATABASE_URL set → PostgreSQL; otherwise a fresh PGlite folder under .data/bench-segments.
//   BENCH_CONTACTS (100000) and BENCH_INTERACTIONS (1000000) scale the data set down if needed.
// Five representative segments are counted through the app (validate → compile → one query)
// and through hand-written SQL for the same rules; ratio = compiled p95 / hand-written p95.
// Last line: {"driver","count_ms_p95","handwritten_ms_p95","ratio","refresh_100k_s"}.
// Targets on PostgreSQL: ratio ≤ 1.5, count p95 ≤ 200 ms.
import { sql, type SQL } from "drizzle-orm";
import { segments } from "@/db/schema";
import { ensurePipeline, loadPipeline } from "@/lib/leads/pipeline";
import { countMatching } from "@/lib/segments/query";
import { refreshSegment } from "@/lib/segments/membership";
import { rowsOf } from "@/db/rows";
import type { CriteriaGroup, CriteriaNode } from "@/lib/segments/criteria.schema";
import { addDays, localDate, startOfLocalDay } from "@/lib/segments/zoned-dates";
import { createBenchOrg, log, openBenchDatabase, p95 } from "./support";

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);
const INTERACTIONS = Number(process.env.BENCH_INTERACTIONS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);

const c = (field: string, op: string, value?: unknown): CriteriaNode => ({
  kind: "condition",
  id: `${field}-${op}`,
  field,
  op,
  value,
});
const group = (match: "all" | "any", ...children: CriteriaNode[]): CriteriaGroup => ({
  kind: "group",
  id: Math.random().toString(36).slice(2, 8),
  match,
  children,
});

async function main() {
  const { db, target, cleanup } = await openBenchDatabase("segments");
  const org = await createBenchOrg(db, { timeZone: "America/New_York" });
  const { orgId, ctx } = org;
  try {
    let t = performance.now();
    // Generated in the database: the data set is the subject, not how fast we can send it.
    await db.execute(sql`
      insert into contacts (org_id, first_name, last_name, email, lifecycle_stage, time_zone, preferred_contact_method, marketing_consent,
        total_visits, total_spent_minor, first_visit_at, last_visit_at, last_seen_at, created_at)
      select ${orgId}, 'P' || i, 'Bench', 'person' || i || '@shop' || (i % 977) || '.example',
        (array['lead','active','vip','at_risk','churned'])[1 + i % 5]::lifecycle_stage,
        (array['America/New_York','Europe/London','Asia/Tokyo','Australia/Sydney'])[1 + i % 4],
        (array['email','whatsapp','sms','phone'])[1 + (i / 3) % 4]::contact_method,
        (array['unknown','subscribed','unsubscribed'])[1 + (i / 7) % 3]::consent_status,
        (i * 37) % 25, ((i::bigint * 7919) % 1000) * 1000,
        now() - (400 + i % 300) * interval '1 day', now() - ((i * 13) % 365) * interval '1 day', now() - ((i * 11) % 365) * interval '1 day',
        now() - (i % 700) * interval '1 day'
      from generate_series(1, ${CONTACTS}) i`);
    await db.execute(
      sql`insert into tags (org_id, name, color) select ${orgId}, n, '#2563eb' from unnest(array['VIP','newsletter','wholesale','event','trial']) n`,
    );
    await db.execute(sql`
      insert into contact_tags (org_id, contact_id, tag_id)
      select ${orgId}, c.id, t.id from (select id, row_number() over (order by id) as n from contacts where org_id = ${orgId}) c
      join tags t on t.org_id = ${orgId} and ((t.name = 'VIP' and c.n % 5 = 0) or (t.name = 'newsletter' and c.n % 2 = 0) or (t.name = 'wholesale' and c.n % 11 = 0))`);
    log(`${CONTACTS} contacts with tags in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    t = performance.now();
    for (let done = 0; done < INTERACTIONS; done += 200_000) {
      const n = Math.min(200_000, INTERACTIONS - done);
      await db.execute(sql`
        with c as (select array_agg(id order by id) as ids from contacts where org_id = ${orgId})
        insert into interactions (org_id, contact_id, type, direction, subject, amount_minor, occurred_at)
        select ${orgId}, c.ids[1 + (((i + ${done})::bigint * 7919) % array_length(c.ids, 1))::int],
          (array['call','visit','purchase','email','chat','whatsapp'])[1 + (i + ${done}) % 6]::interaction_type, 'inbound', 'x',
          case when (i + ${done}) % 6 = 2 then 1000 + (i % 50000) else null end,
          now() - ((i + ${done}) % 525600) * interval '1 minute' * 1.0
        from generate_series(1, ${n}) i, c`);
      log(`${done + n} interactions…`);
    }
    log(`${INTERACTIONS} interactions in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    await ensurePipeline(db, orgId);
    const pipeline = await loadPipeline(db, orgId);
    const stage = pipeline.stages[0]!;
    await db.execute(sql`
      insert into leads (org_id, pipeline_id, stage_id, title, contact_id, value, score, rank)
      select ${orgId}, ${pipeline.id}, ${stage.id}, 'Lead ' || n, id, (n % 200) * 10000, (n * 31) % 101, 'r' || lpad(n::text, 8, '0')
      from (select id, row_number() over (order by id) as n from contacts where org_id = ${orgId}) c where n % 4 = 0`);
    for (const table of ["contacts", "contact_tags", "interactions", "leads"])
      await db.execute(sql.raw(`analyze ${table}`));

    const tagId = rowsOf<{ id: string }>(
      await db.execute(sql`select id from tags where org_id = ${orgId} and name = 'VIP'`),
    )[0]!.id;
    const now = new Date();
    // "N days ago" is local midnight in the organisation's zone, as the app defines it.
    const ago = (days: number) =>
      startOfLocalDay(addDays(localDate(now, "America/New_York"), -days), "America/New_York").toISOString();
    // The same five rules, as a person would write them by hand.
    const cases: { name: string; criteria: CriteriaGroup; handwritten: SQL }[] = [
      {
        name: "VIP customers",
        criteria: group("all", c("contact.total_visits", "gte", 10), c("contact.total_spent", "gte", 500_000)),
        handwritten: sql`select count(*) from contacts where org_id = ${orgId} and total_visits >= 10 and total_spent_minor >= 500000`,
      },
      {
        name: "At risk",
        criteria: group("all", c("contact.last_visit_at", "more_than_days_ago", 90)),
        handwritten: sql`select count(*) from contacts where org_id = ${orgId} and last_visit_at < ${ago(90)}::timestamptz`,
      },
      {
        name: "Spent and loyal",
        criteria: group(
          "all",
          c("contact.total_spent", "gte", 50_000),
          group("any", c("contact.tags", "has_any", [tagId]), c("contact.total_visits", "gte", 5)),
        ),
        handwritten: sql`select count(*) from contacts c where c.org_id = ${orgId} and c.total_spent_minor >= 50000
          and (c.id in (select contact_id from contact_tags where org_id = ${orgId} and tag_id = ${tagId}) or c.total_visits >= 5)`,
      },
      {
        name: "Recent buyers",
        criteria: group(
          "all",
          c("interactions.count", "at_least", { type: "purchase", days: 30, count: 1 }),
          c("contact.marketing_consent", "none_of", ["unsubscribed"]),
        ),
        handwritten: sql`select count(*) from contacts c where c.org_id = ${orgId} and c.marketing_consent <> 'unsubscribed'
          and c.id in (select contact_id from interactions where org_id = ${orgId} and type = 'purchase' and occurred_at >= ${ago(30)}::timestamptz group by contact_id having count(*) >= 1)`,
      },
      {
        name: "High-intent WhatsApp leads",
        criteria: group(
          "all",
          c("lead.score", "gte", 70),
          c("contact.preferred_contact_method", "any_of", ["whatsapp"]),
        ),
        handwritten: sql`select count(*) from contacts c where c.org_id = ${orgId} and c.preferred_contact_method = 'whatsapp'
          and exists (select 1 from leads l where l.org_id = ${orgId} and l.contact_id = c.id and l.score >= 70)`,
      },
    ];

    const compiled: number[] = [];
    const hand: number[] = [];
    const perCase = new Map<string, { a: number[]; b: number[] }>(cases.map((k) => [k.name, { a: [], b: [] }]));
    for (let round = -1; round < ROUNDS; round++) {
      for (const k of cases) {
        let s = performance.now();
        const n = await countMatching(ctx, k.criteria, now);
        const a = performance.now() - s;
        s = performance.now();
        const [row] = rowsOf<{ count: string | number }>(await db.execute(k.handwritten));
        const b = performance.now() - s;
        if (round === -1) {
          log(`${k.name}: ${n} members (hand-written: ${row!.count})`);
          if (n !== Number(row!.count)) throw new Error(`${k.name}: the compiled and hand-written counts differ`);
        }
        if (round >= 0) {
          compiled.push(a);
          hand.push(b);
          perCase.get(k.name)!.a.push(a);
          perCase.get(k.name)!.b.push(b);
        }
      }
    }
    for (const [name, v] of perCase)
      log(`  ${name}: compiled p95 ${p95(v.a).toFixed(1)} ms, hand-written p95 ${p95(v.b).toFixed(1)} ms`);
    const countP95 = p95(compiled);
    const handP95 = p95(hand);
    log(
      `count p95 ${countP95.toFixed(1)} ms, hand-written p95 ${handP95.toFixed(1)} ms over ${compiled.length} runs each`,
    );

    // A full membership refresh: a segment every customer is in, computed from nothing.
    const [everyone] = await db
      .insert(segments)
      .values({ orgId, name: "Everyone", criteria: group("all", c("contact.total_visits", "gte", 0)) })
      .returning({ id: segments.id });
    t = performance.now();
    const first = await refreshSegment(db, orgId, everyone!.id);
    const refreshS = (performance.now() - t) / 1000;
    log(`full refresh: ${first!.members} members in ${refreshS.toFixed(2)} s`);
    await db.execute(sql`update contacts set total_visits = -1 where org_id = ${orgId} and total_spent_minor < 10000`);
    t = performance.now();
    const second = await refreshSegment(db, orgId, everyone!.id);
    log(
      `refresh with ${second!.exited} leaving (events written): ${((performance.now() - t) / 1000).toFixed(2)} s; unchanged refresh follows`,
    );
    t = performance.now();
    await refreshSegment(db, orgId, everyone!.id);
    log(`unchanged refresh: ${((performance.now() - t) / 1000).toFixed(2)} s`);

    console.log(
      JSON.stringify({
        driver: target.kind,
        count_ms_p95: Number(countP95.toFixed(1)),
        handwritten_ms_p95: Number(handP95.toFixed(1)),
        ratio: Number((countP95 / handP95).toFixed(2)),
        refresh_100k_s: Number(refreshS.toFixed(2)),
      }),
    );
  } finally {
    await org.remove();
    await cleanup();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
