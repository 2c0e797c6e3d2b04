// npm run bench:email — 10,000 marketing messages through the real bulk path to the local Resend
// stub, which enforces 5 requests/s and injects 5% faults (429s, 5xx before and after accepting).
//   DATABASE_URL set → PostgreSQL; otherwise a fresh PGlite folder under .data/bench-email.
//   BENCH_EMAILS (10000), RESEND_RATE_LIMIT (5), BENCH_FAULT_RATE (0.05) adjust it.
// Last line: {"driver","messages","seconds","msgs_per_s","limit_msgs_per_s","requests","faults","real_429s","duplicates","lost"}.
// Target: msgs_per_s ≥ 90% of limit_msgs_per_s (5 req/s × 100 per batch = 500), duplicates = lost = 0.
import { and, eq, sql } from "drizzle-orm";
import { emailMessages } from "@/db/schema";
import { ensureEmailDefaults } from "@/lib/email/topics";
import { sendBulk } from "@/lib/email/bulk";
import { rowsOf } from "@/db/rows";
import { createBenchOrg, log, openBenchDatabase } from "./support";
import { startStubProcess } from "@/tests/email/stub-process";

const MESSAGES = Number(process.env.BENCH_EMAILS ?? 10_000);
const RATE = Number(process.env.RESEND_RATE_LIMIT ?? 5);
const FAULT_RATE = Number(process.env.BENCH_FAULT_RATE ?? 0.05);

async function main() {
  const stub = await startStubProcess(RATE, FAULT_RATE);
  process.env.RESEND_API_KEY = "re_bench";
  process.env.RESEND_BASE_URL = stub.url;
  process.env.RESEND_RATE_LIMIT = String(RATE);
  process.env.EMAIL_LINK_SECRET ??= "bench-secret";
  const { db, target, cleanup } = await openBenchDatabase("email");
  try {
    const { orgId, ctx } = await createBenchOrg(db);
    await ensureEmailDefaults(db, orgId);
    await db.execute(sql`insert into contacts (org_id, first_name, last_name, email, marketing_consent)
      select ${orgId}, 'Person' || i, 'Bench', 'person' || i || '@bench.example', 'subscribed' from generate_series(1, ${MESSAGES}) i`);
    const contactIds = rowsOf<{ id: string }>(
      await db.execute(sql`select id from contacts where org_id = ${orgId} order by email`),
    ).map((r) => r.id);
    log(`${contactIds.length} contacts ready; sending`);

    const t = performance.now();
    const result = await sendBulk(
      ctx,
      {
        content: {
          subject: '{{contact.first_name | "Hello"}}, spring offers at {{org.name}}',
          body: 'Hi {{contact.first_name | "there"}},\n\nUse {{discount.code}} for {{discount.amount}} off.\n\n[Shop now](https://shop.example/spring)',
        },
        category: "marketing",
        topicKey: "promotions",
        source: { type: "campaign", id: "bench" },
        variables: { discount: { code: "SPRING", amount: "10%", expiresAt: null } },
      },
      contactIds.map((id) => ({ recipient: { contactId: id }, idempotencyKey: `bench:${id}` })),
    );
    const seconds = (performance.now() - t) / 1000;

    const stats = await stub.stats();
    if (process.env.BENCH_TRACE) log(stats.trace.join(" "));
    const accepted = stats.messageIds;
    const unique = new Set(accepted);
    const [{ n: sentRows } = { n: 0 }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(emailMessages)
      .where(and(eq(emailMessages.orgId, orgId), eq(emailMessages.status, "sent")));
    const stored = new Set(result.messageIds);
    const lost = [...stored].filter((id) => !unique.has(id)).length + (MESSAGES - stored.size);
    log(
      `result ${JSON.stringify({ sent: result.sent, failed: result.failed, pending: result.pending, sentRows })}; stub saw ${stats.requests} requests, ${stats.rateLimited} real 429s`,
    );
    console.log(
      JSON.stringify({
        driver: target.kind,
        messages: MESSAGES,
        seconds: Number(seconds.toFixed(2)),
        msgs_per_s: Number((MESSAGES / seconds).toFixed(1)),
        limit_msgs_per_s: RATE * 100,
        requests: stats.requests,
        faults: stats.faults,
        real_429s: stats.rateLimited,
        duplicates: accepted.length - unique.size,
        lost,
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
