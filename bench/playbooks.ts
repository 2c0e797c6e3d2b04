// npm run bench:playbooks — 10,000 customers enter payment_failed_rescue at once (quiet hours and
// the frequency cap off): events → dispatcher → one run each → the first email handed to the
// Resend stand-in (its own process: 5 requests/s, 5% faults: 429s, 5xx before and after
// accepting, as bench:email), all through the real SDK serve handler and the embedded executor.
// The steps' single sends are coalesced by the sender into batch requests of up to 100.
//   DATABASE_URL → PostgreSQL; otherwise a temporary PGlite folder.
//   BENCH_CONTACTS (10000), BENCH_IN_FLIGHT (executor concurrency; default the app's, 400),
//   RESEND_RATE_LIMIT (5), BENCH_FAULT_RATE (0.05), BENCH_DEADLINE_S (900).
// Last line: {"driver","node_options","contacts","seconds_to_all_first_emails","first_email_p50_s","first_email_p95_s",
//   "first_email_min_s","requests","duplicates","lost","floor_s","calls","cpu_ms_per_contact","call_floor_ms",
//   "calls_floor_s","first_email_p50_floor_s","targets"}. call_floor_ms is an empty call through the SDK on this thread
//   (bench/call-floor.ts); calls_floor_s is what the run's calls cost at that price alone. Targets (PostgreSQL, 10,000):
//   all first emails ≤ 30 s (floor: contacts / (rate × 100) = 20 s), p50 ≤ 5 s (floor: half of that, 10 s,
//   since every event is posted at once), duplicates 0, lost 0; PGlite ≤ 60 s.
import { randomUUID } from "node:crypto";
import { and, count, countDistinct, eq, inArray, like } from "drizzle-orm";
import { contacts, emailMessages, playbookRuns } from "@/db/schema";
import { installDefaultPlaybooks } from "@/lib/playbooks/install";
import { playbookFunctions } from "@/inngest/functions/playbooks";
import { DEFAULT_MAX_IN_FLIGHT } from "@/inngest/local/executor";
import { startHarness, testClient } from "@/tests/executor/harness";
import { measureCallFloorMs } from "./call-floor";
import { createBenchOrg, log, openBenchDatabase } from "./support";
import { startStubProcess } from "@/tests/email/stub-process";

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 10_000);
const RATE = Number(process.env.RESEND_RATE_LIMIT ?? 5);
const FAULT_RATE = Number(process.env.BENCH_FAULT_RATE ?? 0.05);
process.env.EMAIL_LINK_SECRET ??= "bench-email-link-secret";

/** Nearest-rank percentile of sorted values. */
const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(sorted.length * p) - 1)] ?? NaN;

async function main() {
  const stub = await startStubProcess(RATE, FAULT_RATE);
  process.env.RESEND_API_KEY = "re_bench";
  process.env.RESEND_BASE_URL = stub.url;
  process.env.RESEND_RATE_LIMIT = String(RATE);
  // On PGlite the app's getDb() (used by the playbook functions) must get this handle: shareWithApp.
  const { db, driver, cleanup } = await openBenchDatabase("pb", { pglite: "temp", shareWithApp: true });
  const postgres = driver === "postgres";
  const { orgId, ctx } = await createBenchOrg(db, {
    name: `Bench ${randomUUID().slice(0, 8)}`,
    quietHoursStart: null,
    quietHoursEnd: null,
    frequencyCapCount: null,
  });
  await installDefaultPlaybooks(ctx, "active");
  const ids: string[] = [];
  for (let i = 0; i < CONTACTS; i += 1000) {
    const rows = await db
      .insert(contacts)
      .values(
        Array.from({ length: Math.min(1000, CONTACTS - i) }, (_, j) => ({
          orgId,
          firstName: `C${i + j}`,
          email: `c${i + j}-${randomUUID().slice(0, 6)}@example.test`,
          marketingConsent: "subscribed" as const,
        })),
      )
      .returning({ id: contacts.id });
    ids.push(...rows.map((r) => r.id));
  }
  const callFloorMs = await measureCallFloorMs();
  log(`${CONTACTS} customers ready; an empty call costs ${callFloorMs.toFixed(2)} ms here; starting the executor`);
  const made = testClient(`bench-pb-${Date.now()}`);
  let calls = 0;
  const h = await startHarness(db, made, playbookFunctions(made.client), {
    maxInFlight: Number(process.env.BENCH_IN_FLIGHT ?? DEFAULT_MAX_IN_FLIGHT),
    onCall: () => void calls++,
  });
  const firstEmail = and(eq(emailMessages.orgId, orgId), like(emailMessages.idempotencyKey, "%:update-details"));
  const firstEmails = async () => {
    const [r] = await db
      .select({ n: count() })
      .from(emailMessages)
      .where(and(firstEmail, inArray(emailMessages.status, ["sent", "delivered"])));
    return r!.n;
  };
  // When each customer's event was posted (events go in chunks of 500, all at once).
  const eventAt = new Map<string, number>();
  const started = Date.now();
  const cpuAtStart = process.cpuUsage();
  for (let i = 0; i < CONTACTS; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const at = Date.now();
    await h.send(
      chunk.map((contactId) => ({
        name: "crm/payment.failed",
        data: { orgId, contactId, sourceEventId: `bench-${contactId}`, source: "api", properties: {} },
      })),
    );
    for (const id of chunk) eventAt.set(id, at);
  }
  log(`events sent in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const deadline = Date.now() + Number(process.env.BENCH_DEADLINE_S ?? 900) * 1000;
  let last = 0;
  for (let tick = 0; ; tick++) {
    const n = await firstEmails();
    const [r] = await db.select({ n: count() }).from(playbookRuns).where(eq(playbookRuns.orgId, orgId));
    if (tick % 5 === 0) log(`${r!.n} runs, ${n} first emails after ${((Date.now() - started) / 1000).toFixed(0)} s`);
    last = n;
    if (n >= CONTACTS || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const cpu = process.cpuUsage(cpuAtStart);
  // The last first email's own hand-over time, not the poll that saw it.
  const sent = await db
    .select({ id: emailMessages.id, contactId: emailMessages.contactId, sentAt: emailMessages.sentAt })
    .from(emailMessages)
    .where(and(firstEmail, inArray(emailMessages.status, ["sent", "delivered"])));
  const latencies = sent.map((m) => (m.sentAt!.getTime() - eventAt.get(m.contactId!)!) / 1000).sort((a, b) => a - b);
  const lastSentAt = Math.max(...sent.map((m) => m.sentAt!.getTime()));
  const seconds = last >= CONTACTS ? (lastSentAt - started) / 1000 : (Date.now() - started) / 1000;
  // A duplicate is a second run for a customer, a second first email for a run, or a message the
  // provider accepted twice; lost is a customer whose first email the provider never accepted.
  const [runs] = await db
    .select({ n: count(), contacts: countDistinct(playbookRuns.contactId) })
    .from(playbookRuns)
    .where(eq(playbookRuns.orgId, orgId));
  const [mails] = await db
    .select({ n: count(), contacts: countDistinct(emailMessages.contactId) })
    .from(emailMessages)
    .where(firstEmail);
  const stats = await stub.stats();
  const accepted = stats.messageIds.filter((m): m is string => !!m);
  const acceptedOnce = new Set(accepted);
  const lost = CONTACTS - sent.filter((m) => acceptedOnce.has(m.id)).length;
  await h.close();
  await cleanup();
  stub.close();
  log(`stub: ${stats.requests} requests, ${stats.faults} injected faults, ${stats.rateLimited} real 429s`);
  console.log(
    `command: ${postgres ? "DATABASE_URL=… " : ""}npm run bench:playbooks${last < CONTACTS ? ` (stopped at the deadline with ${last} first emails)` : ""}`,
  );
  console.log(
    JSON.stringify({
      driver,
      // The server's V8 options (scripts/server-node-options.mjs), passed by npm run.
      node_options: process.env.NODE_OPTIONS ?? "",
      contacts: CONTACTS,
      seconds_to_all_first_emails: Number(seconds.toFixed(1)),
      first_email_p50_s: Number(percentile(latencies, 0.5).toFixed(1)),
      first_email_p95_s: Number(percentile(latencies, 0.95).toFixed(1)),
      // The earliest customer's wait: a burst must not hold the first email back until it is all in.
      first_email_min_s: Number((latencies[0] ?? NaN).toFixed(1)),
      requests: stats.requests,
      duplicates: runs!.n - runs!.contacts + (mails!.n - mails!.contacts) + (accepted.length - acceptedOnce.size),
      lost,
      floor_s: CONTACTS / (RATE * 100),
      // What the runs cost this process: executor calls (dispatch and runs), CPU per customer, and
      // the time those calls take on one thread when each costs what an empty one does.
      calls,
      cpu_ms_per_contact: Number(((cpu.user + cpu.system) / 1000 / CONTACTS).toFixed(1)),
      call_floor_ms: Number(callFloorMs.toFixed(2)),
      calls_floor_s: Number(((calls * callFloorMs) / 1000).toFixed(1)),
      // The events are posted together: half the first emails cannot all leave sooner than this.
      first_email_p50_floor_s: CONTACTS / 2 / (RATE * 100),
      targets: {
        seconds_to_all_first_emails: postgres ? 30 : 60,
        first_email_p50_s: 5,
        duplicates: 0,
        lost: 0,
      },
    }),
  );
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
