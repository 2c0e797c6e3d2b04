// npm run bench:analytics — every analytics page's queries at scale, for 30 days and for 1 year.
//   DATABASE_URL set → PostgreSQL; otherwise a fresh PGlite folder under .data/bench-analytics.
//   One organisation: BENCH_CUSTOMERS (100000) customers, BENCH_EMAIL_EVENTS (2000000) email events
//   over a year, BENCH_LEADS (50000) leads, BENCH_CAMPAIGNS (200) campaigns that sent those emails
//   (every message belongs to one; no orders or payments are generated, so conversions are none).
//   The playbooks page is not timed: no playbook runs are generated.
// Email pages read the rollups (email_stats); the hand-written SQL reads the same table, and the
// cost the rollup triggers add to each event insert is printed beside the insert without them.
// Each page runs through analyticsView (what the page renders first, refetches and the API
// answers) and as hand-written SQL for the same numbers.
// Last line: {"driver","page_ms_p95","slowest_page","handwritten_ms_p95","ratio",...}.
// Targets on PostgreSQL: page p95 ≤ 300 ms, ratio ≤ 1.5; PGlite within 3× PostgreSQL.
import { sql, type SQL } from "drizzle-orm";
import { ensurePipeline, loadPipeline } from "@/lib/leads/pipeline";
import { rowsOf } from "@/db/rows";
import { resolveRange, type AnalyticsRange } from "@/lib/analytics/range";
import { analyticsView } from "@/lib/analytics/views";
import { CAMPAIGNS_PER_RANGE } from "@/lib/analytics/campaign-metrics";
import { createBenchOrg, log, openBenchDatabase, p95 } from "./support";

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const EVENTS = Number(process.env.BENCH_EMAIL_EVENTS ?? 2_000_000);
const LEADS = Number(process.env.BENCH_LEADS ?? 50_000);
const CAMPAIGNS = Number(process.env.BENCH_CAMPAIGNS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const TZ = "America/New_York";

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const PAGES = ["email", "pipeline", "customers"] as const;

/** The same headline numbers as each page, written by hand in as few statements as possible. */
function handwritten(orgId: string, r: AnalyticsRange): Record<string, SQL[]> {
  const s = sql`${r.start.toISOString()}::timestamptz`;
  const e = sql`${r.end.toISOString()}::timestamptz`;
  const unit = sql.raw(r.bucket === "week" ? "'week'" : "'day'");
  const b = (col: string) => sql`date_trunc(${unit}, ${sql.raw(col)} at time zone ${TZ})`;
  return {
    email: [
      sql`select ${b("slot")}, sum(sent), sum(delivered), sum(opened_total), sum(opened_human), sum(opened_machine),
            sum(clicked_total), sum(clicked_human), sum(unsubscribed), sum(bounced), sum(complained)
          from email_stats where org_id = ${orgId} and dating = 'event' and slot >= ${s} and slot < ${e} group by 1`,
      sql`select reason, sum(n) from email_machine_stats
          where org_id = ${orgId} and slot >= ${s} and slot < ${e} group by 1`,
      // The campaigns that started in the range: recipients whose message left, people who opened
      // and clicked (as the recipient rows keep them), and their orders since (the conversion candidates).
      sql`with c as (select id from campaigns where org_id = ${orgId} and started_at >= ${s} and started_at < ${e}
                     order by started_at desc limit ${CAMPAIGNS_PER_RANGE}),
               r as (select r.campaign_id, r.contact_id, r.holdout, r.opened_by_person, r.clicked_by_person
                     from campaign_recipients r
                     where r.org_id = ${orgId} and r.campaign_id in (select id from c) and (r.holdout or r.message_sent))
          select r.campaign_id, count(*) filter (where not r.holdout), count(*) filter (where r.opened_by_person),
            count(*) filter (where r.clicked_by_person),
            (select count(*) from orders o where o.org_id = ${orgId} and o.contact_id in (select contact_id from r))
          from r group by 1`,
    ],
    pipeline: [
      sql`select ${b("created_at")}, count(*), sum(value) from leads where org_id = ${orgId} and created_at >= ${s} and created_at < ${e} group by 1`,
      sql`select ${b("l.stage_entered_at")}, st.kind, coalesce(l.source, ''), l.owner_id, count(*), sum(l.value)
          from leads l join pipeline_stages st on st.id = l.stage_id
          where l.org_id = ${orgId} and st.kind in ('won','lost') and l.stage_entered_at >= ${s} and l.stage_entered_at < ${e}
          group by 1, 2, 3, 4`,
      sql`select st.position, count(*) from leads l join pipeline_stages st on st.id = l.stage_id
          where l.org_id = ${orgId} and l.created_at >= ${s} and l.created_at < ${e} group by 1`,
    ],
    customers: [
      sql`select ${b("created_at")}, count(*) from contacts where org_id = ${orgId} and created_at >= ${s} and created_at < ${e} group by 1`,
      sql`select ${b("occurred_at")}, type, user_id, count(*) from interactions where org_id = ${orgId} and occurred_at >= ${s} and occurred_at < ${e} group by 1, 2, 3`,
      sql`select lifecycle_stage, width_bucket(total_spent_minor, array[1,10000,50000,100000,500000]), count(*) from contacts where org_id = ${orgId} group by 1, 2`,
      sql`select count(*) filter (where last_seen_at >= ${s} and last_seen_at < ${e}) from contacts where org_id = ${orgId}`,
      sql`select ${b("occurred_at")}, data->>'from', data->>'to', count(*) from activities
          where org_id = ${orgId} and type = 'lifecycle.changed' and occurred_at >= ${s} group by 1, 2, 3`,
      // Customers added since the range began, in the stage their first recorded change left.
      sql`select ${b("c.created_at")}, coalesce(fc.f, c.lifecycle_stage::text), count(*) from contacts c
          left join (select distinct on (contact_id) contact_id, data->>'from' as f from activities
                     where org_id = ${orgId} and type = 'lifecycle.changed' and occurred_at >= ${s}
                     order by contact_id, occurred_at) fc on fc.contact_id = c.id
          where c.org_id = ${orgId} and c.created_at >= ${s} group by 1, 2`,
    ],
  };
}

async function main() {
  const { db, target, cleanup } = await openBenchDatabase("analytics");
  const org = await createBenchOrg(db, { timeZone: TZ });
  const { orgId, ctx } = org;
  try {
    let t = performance.now();
    const year = sql`interval '365 days'`;
    await db.execute(sql`
      insert into contacts (org_id, first_name, email, lifecycle_stage, total_spent_minor, last_seen_at, created_at)
      select ${orgId}, 'P' || i, 'p' || i || '@bench.example',
        (array['lead','active','vip','at_risk','churned'])[1 + i % 5]::lifecycle_stage,
        (i * 7919) % 800000, now() - (i % 365) * interval '1 day', now() - ${year} * random()
      from generate_series(1, ${CUSTOMERS}) i`);
    // A stage change recorded for one customer in five, at a random moment of the year.
    await db.execute(sql`
      insert into activities (org_id, contact_id, type, data, occurred_at)
      select org_id, id, 'lifecycle.changed', jsonb_build_object('from', 'active', 'to', lifecycle_stage::text, 'reason', 'bench'),
        now() - ${year} * random()
      from contacts where org_id = ${orgId} and hashtext(id::text) % 5 = 0`);
    log(`${CUSTOMERS} customers in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    t = performance.now();
    // Bulk loading row by row through the rollup triggers would take minutes: they are off for the
    // load and the rollups are recounted once after it, as the migration does for existing mail.
    await db.execute(sql`alter table email_messages disable trigger email_messages_count_sent_inserted`);
    await db.execute(sql`alter table email_events disable trigger email_events_count`);
    const messages = Math.round(EVENTS / 5);
    await db.execute(sql`
      insert into email_messages (org_id, to_email, category, status, subject, html, text, source_type, idempotency_key, sent_at, created_at)
      select ${orgId}, 'p' || i || '@bench.example', 'marketing', 'delivered', 'Hello', '', '', 'manual', 'b' || i,
        now() - ${year} * (i::float / ${messages}), now() - ${year} * (i::float / ${messages})
      from generate_series(1, ${messages}) i`);
    // Five events per message: delivered, an open (a third of them a machine's), a second open, a click or an unsubscribe.
    await db.execute(sql`
      insert into email_events (org_id, message_id, type, data, occurred_at)
      select m.org_id, m.id, t.type,
        case when t.type = 'opened' and (hashtext(m.id::text) % 3) = 0 then '{"machine":true,"machineReason":"apple_privacy_proxy"}'::jsonb else '{}'::jsonb end,
        m.sent_at + t.after
      from email_messages m
      cross join (values ('delivered', interval '5 seconds'), ('opened', interval '2 hours'), ('opened', interval '1 day'),
        ('clicked', interval '3 hours'), ('unsubscribed', interval '4 hours')) t(type, after)
      where m.org_id = ${orgId}`);
    // Every message was sent by one of the campaigns, each to a slice of the year in turn.
    await db.execute(sql`
      insert into campaigns (org_id, name, status, subject, started_at, finished_at)
      select ${orgId}, 'Campaign ' || k, 'sent', 'Hello', now() - ${year} * (1 - k::float / ${CAMPAIGNS}),
        now() - ${year} * (1 - (k + 1)::float / ${CAMPAIGNS})
      from generate_series(0, ${CAMPAIGNS} - 1) k`);
    await db.execute(sql`
      insert into campaign_recipients (org_id, campaign_id, contact_id, zone, due_at, status, message_id, handed_at)
      select m.org_id, c.id, p.id, 'org', m.sent_at, 'sent', m.id, m.sent_at
      from (select id, org_id, sent_at, row_number() over (order by sent_at) - 1 as n
            from email_messages where org_id = ${orgId}) m
      join (select id, row_number() over (order by started_at) - 1 as k from campaigns where org_id = ${orgId}) c
        on c.k = least(${CAMPAIGNS} - 1, floor(m.n * ${CAMPAIGNS}::float / ${messages}))
      join (select id, row_number() over (order by id) - 1 as n from contacts where org_id = ${orgId}) p
        on p.n = m.n % ${CUSTOMERS}`);
    await db.execute(sql`
      update campaigns c set started_at = f.first from (
        select r.campaign_id, min(m.sent_at) as first from campaign_recipients r join email_messages m on m.id = r.message_id
        where r.org_id = ${orgId} group by 1) f
      where c.id = f.campaign_id`);
    await db.execute(sql`alter table email_messages enable trigger email_messages_count_sent_inserted`);
    await db.execute(sql`alter table email_events enable trigger email_events_count`);
    log(
      `${messages} messages of ${CAMPAIGNS} campaigns and ${messages * 5} events in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    t = performance.now();
    await db.execute(sql`select email_stats_rebuild(${orgId}::uuid)`);
    await db.execute(sql`select campaign_recipients_recount(${orgId}::uuid)`);
    const rebuildS = (performance.now() - t) / 1000;
    log(`rollups recounted from the raw rows in ${rebuildS.toFixed(1)} s`);
    // What the triggers add to live writes: events for 2,000 messages inserted one statement each.
    const live = rowsOf<{ id: string; sent_at: string }>(
      await db.execute(
        sql`select id, sent_at from email_messages where org_id = ${orgId} order by sent_at desc limit 2000`,
      ),
    );
    const insertEach = async (type: string) => {
      const times: number[] = [];
      for (const m of live)
        times.push(
          await timed(() =>
            db.execute(sql`insert into email_events (org_id, message_id, type, data, occurred_at)
              values (${orgId}, ${m.id}, ${type}, '{}'::jsonb, now())`),
          ),
        );
      return median(times);
    };
    const withRollups = await insertEach("clicked");
    await db.execute(sql`alter table email_events disable trigger email_events_count`);
    const withoutRollups = await insertEach("complained");
    await db.execute(sql`alter table email_events enable trigger email_events_count`);

    t = performance.now();
    await ensurePipeline(db, orgId);
    const pipeline = await loadPipeline(db, orgId);
    const stageIds = pipeline.stages.map((s) => s.id);
    await db.execute(sql`
      insert into leads (org_id, pipeline_id, stage_id, title, value, owner_id, source, rank, stage_entered_at, created_at)
      select ${orgId}, ${pipeline.id}, (${sql.raw(`array[${stageIds.map((id) => `'${id}'`).join(",")}]`)}::uuid[])[1 + i % ${stageIds.length}],
        'Deal ' || i, (i * 37) % 20000, case when i % 3 = 0 then ${org.ownerId}::uuid end,
        (array['website','referral','ads','partner'])[1 + i % 4], lpad(i::text, 10, '0'),
        now() - ${year} * (i::float / ${LEADS}) + interval '3 days', now() - ${year} * (i::float / ${LEADS})
      from generate_series(1, ${LEADS}) i`);
    await db.execute(sql`
      insert into interactions (org_id, contact_id, type, direction, occurred_at)
      select org_id, id, 'call', 'outbound', created_at + interval '1 day' from contacts where org_id = ${orgId}`);
    await db.execute(sql`analyze`);
    log(`${LEADS} leads and ${CUSTOMERS} interactions in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const reader = { ...ctx, org: { timeZone: TZ } };
    const ranges = { "30d": "range=30d", "1y": "range=1y" };
    const pageTimes: Record<string, number[]> = {};
    const handTimes: number[] = [];
    const appTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const [rangeName, search] of Object.entries(ranges)) {
        const range = resolveRange({ range: rangeName }, { timeZone: TZ }).range;
        for (const page of PAGES) {
          const ms = await timed(() => analyticsView(reader, page, search));
          (pageTimes[`${page} ${rangeName}`] ??= []).push(ms);
          appTimes.push(ms);
          const hand = handwritten(orgId, range)[page]!;
          handTimes.push(
            await timed(async () => {
              (await Promise.all(hand.map((q) => db.execute(q)))).map(rowsOf);
            }),
          );
        }
      }
    }
    const perPage = Object.fromEntries(Object.entries(pageTimes).map(([k, v]) => [k, Math.round(p95(v))]));
    log("page p95 (ms):", perPage);
    const [slowest, slowestMs] = Object.entries(perPage).sort((a, b) => b[1] - a[1])[0]!;
    const handP95 = p95(handTimes);
    console.log(
      JSON.stringify({
        driver: target.kind,
        customers: CUSTOMERS,
        email_events: messagesTimesFive(EVENTS),
        leads: LEADS,
        campaigns: CAMPAIGNS,
        page_ms_p95: slowestMs,
        slowest_page: slowest,
        all_pages_ms_p95: Math.round(p95(appTimes)),
        handwritten_ms_p95: Math.round(handP95),
        ratio: Number((p95(appTimes) / handP95).toFixed(2)),
        rollup_rebuild_s: Number(rebuildS.toFixed(1)),
        event_insert_ms_p50: Number(withRollups.toFixed(2)),
        event_insert_ms_p50_without_rollups: Number(withoutRollups.toFixed(2)),
        targets: { page_ms_p95: 300, ratio: 1.5 },
      }),
    );
  } finally {
    await org.remove();
    await cleanup();
  }
}

const messagesTimesFive = (events: number) => Math.round(events / 5) * 5;

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
