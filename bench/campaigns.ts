// npm run bench:campaigns — a campaign to 100,000 customers: the audience frozen, then the send
// function's steps (lib/campaigns/sending.ts, run here back to back as the executor would) through
// the bulk path to the Resend stand-in, which allows 5 requests/s and fails 5% of them.
//   DATABASE_URL set → PostgreSQL; otherwise a fresh PGlite folder under .data/bench-campaigns.
//   BENCH_RECIPIENTS (100000), RESEND_RATE_LIMIT (5), BENCH_FAULT_RATE (0.05) adjust it.
//   Paused a third of the way (by the clock at the provider's limit), resumed once requests stop.
// Last line: {"driver","node_options","recipients","freeze_s","msgs_per_s","limit_msgs_per_s","pause_stop_ms","duplicates","lost"}.
// Targets: freeze_s ≤ 10, msgs_per_s ≥ 450, pause_stop_ms ≤ 1000, duplicates = lost = 0.
import { sql } from "drizzle-orm";
import { ensureEmailDefaults } from "@/lib/email/topics";
import { createCampaign, pauseCampaign, resumeCampaign, scheduleCampaign } from "@/lib/campaigns";
import { loadCampaign } from "@/lib/campaigns/campaigns";
import { freezeAudience } from "@/lib/campaigns/freeze";
import { sendDue } from "@/lib/campaigns/sending";
import { rowsOf } from "@/db/rows";
import { createBenchOrg, log, openBenchDatabase } from "./support";
import { startStubProcess } from "@/tests/email/stub-process";

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 100_000);
const RATE = Number(process.env.RESEND_RATE_LIMIT ?? 5);
const FAULT_RATE = Number(process.env.BENCH_FAULT_RATE ?? 0.05);

async function main() {
  const stub = await startStubProcess(RATE, FAULT_RATE);
  process.env.RESEND_API_KEY = "re_bench";
  process.env.RESEND_BASE_URL = stub.url;
  process.env.RESEND_RATE_LIMIT = String(RATE);
  process.env.EMAIL_LINK_SECRET ??= "bench-secret";
  const { db, target, cleanup } = await openBenchDatabase("campaigns", { shareWithApp: true });
  try {
    const { orgId, ctx } = await createBenchOrg(db, {
      frequencyCapCount: null,
      quietHoursStart: null,
      quietHoursEnd: null,
    });
    await ensureEmailDefaults(db, orgId);
    await db.execute(sql`insert into contacts (org_id, first_name, last_name, email, marketing_consent)
      select ${orgId}, 'Person' || i, 'Bench', 'person' || i || '@bench.example', 'subscribed' from generate_series(1, ${RECIPIENTS}) i`);
    const [seg] = rowsOf<{ id: string }>(
      await db.execute(
        sql`insert into segments (org_id, name, kind, member_count) values (${orgId}, 'Everyone', 'static', ${RECIPIENTS}) returning id`,
      ),
    );
    await db.execute(sql`insert into segment_members (org_id, segment_id, contact_id)
      select ${orgId}, ${seg!.id}::uuid, id from contacts where org_id = ${orgId}`);
    const { id } = await createCampaign(ctx, {
      name: "Bench",
      category: "promotions",
      segmentIds: [seg!.id],
      subject: '{{contact.first_name | "Hello"}}, winter offers',
      preheader: "Twenty percent off",
      body: 'Hi {{contact.first_name | "there"}},\n\n[Shop now](https://shop.example/winter)',
    });
    await scheduleCampaign(ctx, id, { mode: "now" });
    log(`${RECIPIENTS} customers ready; freezing`);

    let t = performance.now();
    const frozen = await freezeAudience(db, await loadCampaign(db, orgId, id), new Date());
    const freezeS = (performance.now() - t) / 1000;
    log(`${frozen} frozen in ${freezeS.toFixed(2)} s; sending`);

    t = performance.now();
    let pausedFor = 0;
    let pauseStopMs: number | null = null;
    let pauseAt: number | null = null;
    // Paused a third of the way at the provider's limit: a timer, so the bench itself adds no queries.
    const pauseTimer = setTimeout(
      () => {
        pauseAt = Date.now();
        // Finished before the timer (a small run): nothing to pause, no pause measured.
        void pauseCampaign(ctx, id).catch(() => (pauseAt = null));
      },
      (RECIPIENTS / 3 / (RATE * 100)) * 1000,
    );
    for (;;) {
      const next = await sendDue(db, orgId, id, new Date());
      if (next.kind === "finished") break;
      if (next.kind === "paused") {
        clearTimeout(pauseTimer);
        // Requests still leaving after the pause: wait until the stand-in has seen nothing new for 2 s.
        let last = (await stub.stats()).lastAt ?? 0;
        for (;;) {
          await new Promise((r) => setTimeout(r, 2_000));
          const now = (await stub.stats()).lastAt ?? 0;
          if (now === last) break;
          last = now;
        }
        pauseStopMs = Math.max(0, last - pauseAt!);
        pausedFor += Date.now() - pauseAt!;
        await resumeCampaign(ctx, id);
        continue;
      }
      if (next.kind === "wait")
        await new Promise((r) => setTimeout(r, Math.max(0, +new Date(next.until) - Date.now())));
    }
    clearTimeout(pauseTimer);
    const seconds = (performance.now() - t - pausedFor) / 1000;

    const stats = await stub.stats();
    const accepted = stats.messageIds;
    const unique = new Set(accepted);
    const rows = rowsOf<{ message_id: string | null }>(
      await db.execute(sql`select message_id from campaign_recipients where campaign_id = ${id}::uuid and not holdout`),
    );
    const lost = rows.filter((r) => !r.message_id || !unique.has(r.message_id)).length;
    log(`stand-in saw ${stats.requests} requests, ${stats.rateLimited} real 429s, ${stats.faults} injected faults`);
    console.log(
      JSON.stringify({
        driver: target.kind,
        // The server's V8 options (scripts/server-node-options.mjs), passed by npm run.
        node_options: process.env.NODE_OPTIONS ?? "",
        recipients: frozen,
        freeze_s: Number(freezeS.toFixed(2)),
        msgs_per_s: Number((unique.size / seconds).toFixed(1)),
        limit_msgs_per_s: RATE * 100,
        pause_stop_ms: pauseStopMs,
        duplicates: accepted.length - unique.size,
        lost,
        targets: { freeze_s: 10, msgs_per_s: 450, pause_stop_ms: 1000, duplicates: 0, lost: 0 },
      }),
    );
  } finally {
    await cleanup();
    stub.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
