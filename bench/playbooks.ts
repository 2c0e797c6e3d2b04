// npm run bench:playbooks — 10,000 customers enter payment_failed_rescue at once (quiet hours and
// the frequency cap off): events → dispatcher → one run each → the first email handed to the local
// outbox transport, all through the real SDK serve handler and the embedded executor.
//   DATABASE_URL → PostgreSQL (the target); otherwise a temporary PGlite folder.
//   BENCH_CONTACTS (10000), BENCH_IN_FLIGHT (executor concurrency, 16 on PostgreSQL, 8 on PGlite).
// Last line: {"driver","contacts","seconds_to_all_first_emails","runs_per_s","duplicates"}. Target: ≤ 120 s, duplicates 0.
import { randomUUID } from "node:crypto";
import { and, count, countDistinct, eq, inArray, like } from "drizzle-orm";
import { contacts, emailMessages, playbookRuns } from "@/db/schema";
import { installDefaultPlaybooks } from "@/lib/playbooks/install";
import { playbookFunctions } from "@/inngest/functions/playbooks";
import { startHarness, testClient } from "@/tests/executor/harness";
import { createBenchOrg, log, openBenchDatabase } from "./support";

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 10_000);
process.env.EMAIL_LINK_SECRET ??= "bench-email-link-secret";

async function main() {
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
  log(`${CONTACTS} customers ready; starting the executor`);
  const made = testClient(`bench-pb-${Date.now()}`);
  const h = await startHarness(db, made, playbookFunctions(made.client), {
    maxInFlight: Number(process.env.BENCH_IN_FLIGHT ?? (postgres ? 16 : 8)),
  });
  const firstEmails = async () => {
    const [r] = await db
      .select({ n: count() })
      .from(emailMessages)
      .where(
        and(
          eq(emailMessages.orgId, orgId),
          like(emailMessages.idempotencyKey, "%:update-details"),
          inArray(emailMessages.status, ["sent", "delivered"]),
        ),
      );
    return r!.n;
  };
  const started = Date.now();
  for (let i = 0; i < CONTACTS; i += 500) {
    await h.send(
      ids.slice(i, i + 500).map((contactId) => ({
        name: "crm/payment.failed",
        data: { orgId, contactId, sourceEventId: `bench-${contactId}`, source: "api", properties: {} },
      })),
    );
  }
  log(`events sent in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const deadline = Date.now() + 15 * 60_000;
  let last = 0;
  for (let tick = 0; ; tick++) {
    const n = await firstEmails();
    const [r] = await db.select({ n: count() }).from(playbookRuns).where(eq(playbookRuns.orgId, orgId));
    if (tick % 5 === 0) log(`${r!.n} runs, ${n} first emails after ${((Date.now() - started) / 1000).toFixed(0)} s`);
    last = n;
    if (n >= CONTACTS || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 2000));
  }
  const seconds = (Date.now() - started) / 1000;
  // A duplicate is a second run for a customer or a second first email for a run.
  const [runs] = await db
    .select({ n: count(), contacts: countDistinct(playbookRuns.contactId) })
    .from(playbookRuns)
    .where(eq(playbookRuns.orgId, orgId));
  const [mails] = await db
    .select({ n: count(), contacts: countDistinct(emailMessages.contactId) })
    .from(emailMessages)
    .where(and(eq(emailMessages.orgId, orgId), like(emailMessages.idempotencyKey, "%:update-details")));
  await h.close();
  await cleanup();
  const done = last;
  console.log(
    `command: ${postgres ? "DATABASE_URL=… " : ""}npm run bench:playbooks${done < CONTACTS ? ` (stopped at the deadline with ${done} first emails)` : ""}`,
  );
  console.log(
    JSON.stringify({
      driver,
      contacts: CONTACTS,
      seconds_to_all_first_emails: Number(seconds.toFixed(1)),
      runs_per_s: Math.round(done / seconds),
      duplicates: runs!.n - runs!.contacts + (mails!.n - mails!.contacts),
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
