// The server process of the chaos bench and test (tests/executor/chaos.ts starts it, kills it with
// SIGKILL and starts it again): Tend's own background functions (the playbook event handler and
// runner, a campaign's send, the segment refresh on change with its per-organisation concurrency limit of 1, the
// queued-email sweep) behind the real SDK serve handler, the embedded executor and the outbox
// relay, on PGlite in CHAOS_DIR or PostgreSQL at CHAOS_DATABASE_URL. A control port answers
// GET /status (progress counters) and POST /advance?d=<duration> (moves the executor clock).
// Both ports are fresh ones the system picks at every start, printed on the ready line: a port
// chosen by the parent and used again after a kill could meanwhile be taken by another process.
// The process starts as a standby: it loads its modules, then waits for "go" on stdin before it
// opens the database (on PGlite the previous process must be gone first). The parent starts the
// next standby while the current server works, so a restart after a kill costs only the opening.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createInterface } from "node:readline";
import { sql } from "drizzle-orm";
import { retryQueued } from "@/lib/email/retry-queued";
import { startRelay } from "@/lib/events/relay";
import { refreshOnChange, refreshOnChangeConfig } from "@/inngest/functions/refresh-segments";
import { playbookFunctions } from "@/inngest/functions/playbooks";
import { campaignFunctions } from "@/inngest/functions/campaigns";
import { advanceClock, clockNow } from "@/inngest/local/clock";
import { parseDuration } from "@/inngest/local/duration";
import { prepareChaosDb } from "./chaos-db";
import { startHarness, testClient } from "./harness";

export const CHAOS_KEYS = { signingKey: "signkey-test-chaos0001", eventKey: "chaos-key" };

/** Resolves on the parent's "go"; the parent gone (stdin closed) ends this process. */
function waitForGo(): Promise<void> {
  return new Promise((resolve) => {
    const lines = createInterface({ input: process.stdin });
    lines.on("line", (line) => line.trim() === "go" && resolve());
    lines.on("close", () => process.exit(0));
  });
}

async function main() {
  const pgUrl = process.env.CHAOS_DATABASE_URL || undefined;
  const env = process.env.CHAOS_ENV ?? "chaos";
  const [open] = await Promise.all([prepareChaosDb(pgUrl, path.join(process.env.CHAOS_DIR!, "pglite")), waitForGo()]);
  const handle = await open();
  // The functions use the app's getDb(): on PGlite it must be this handle (one per folder).
  if (pgUrl) process.env.DATABASE_URL = pgUrl;
  else (globalThis as Record<symbol, unknown>)[Symbol.for("tend.db")] = Promise.resolve(handle);

  const made = testClient("chaos", CHAOS_KEYS);
  const { client } = made;
  const functions = [
    ...playbookFunctions(client),
    ...campaignFunctions(client),
    client.createFunction(refreshOnChangeConfig, refreshOnChange as never),
    client.createFunction({ id: "email-retry-queued", triggers: [{ cron: "TZ=UTC */5 * * * *" }] }, async ({ step }) =>
      step.run("send-queued", async () => retryQueued(handle.db, new Date(clockNow().getTime() - 2 * 60_000))),
    ),
  ];
  const h = await startHarness(handle.db, made, functions, {
    env,
    port: 0,
    maxInFlight: Number(process.env.CHAOS_IN_FLIGHT ?? 8),
    // New events and finished calls wake the executor at once; polling only finds timers due.
    pollMs: 100,
    // PGlite is one process: a killed process's leases are released at once. PostgreSQL may have
    // other live instances, so there a killed instance's leases run out.
    releaseLeasesAtStart: !pgUrl,
    leaseMs: Number(process.env.CHAOS_LEASE_MS ?? 120_000),
  });
  startRelay(handle.db, async (events) => {
    await client.send(events as never);
  });

  const control = createServer((req, res) => {
    void (async () => {
      try {
        if (req.url?.startsWith("/advance")) {
          await advanceClock(handle.db, parseDuration(new URL(req.url, "http://x").searchParams.get("d")!)!);
          h.executor.wake();
          return res.end("ok");
        }
        if (req.url?.startsWith("/functions")) {
          const r = await handle.db.execute(sql`select function_id, status, count(*)::int as n from executor_runs
            where env = ${env} group by 1, 2 order by 1, 2`);
          const e = await handle.db.execute(sql`select name, processed_at is not null as processed, count(*)::int as n
            from executor_events where env = ${env} group by 1, 2 order by 1, 2`);
          const rowsOf = (x: unknown) => (x as { rows?: unknown[] }).rows ?? x;
          return res.end(JSON.stringify({ runs: rowsOf(r), events: rowsOf(e) }));
        }
        const now = clockNow().toISOString();
        const result = await handle.db.execute(sql`
          select
            (select coalesce(sum(s.attempts), 0) + count(*) from executor_steps s join executor_runs r on r.id = s.run_id
              where r.env = ${env})::int
            + (select count(*) + count(*) filter (where status in ('completed', 'failed', 'cancelled'))
              from executor_runs where env = ${env})::int
            + (select count(*) from executor_events where env = ${env} and processed_at is not null)::int as progress,
            (select count(*) from executor_runs where env = ${env} and status in ('queued', 'running', 'sleeping', 'waiting')
              and due_at <= ${now}::timestamptz)::int
            + (select count(*) from executor_events where env = ${env} and processed_at is null)::int as runnable,
            (select count(*) from executor_runs where env = ${env}
              and status in ('queued', 'running', 'sleeping', 'waiting'))::int as unfinished,
            (select count(*) from executor_runs where env = ${env} and status = 'failed')::int as failed,
            (select count(*) from executor_runs where env = ${env})::int as runs,
            (select count(*) from email_messages where org_id = ${process.env.CHAOS_ORG_ID}::uuid
              and status = 'queued')::int as queued_mail,
            (select status::text from campaigns where org_id = ${process.env.CHAOS_ORG_ID}::uuid limit 1) as campaign_status,
            (select count(*) from campaign_recipients where org_id = ${process.env.CHAOS_ORG_ID}::uuid)::int
              as campaign_recipients,
            (select count(*) from campaign_recipients where org_id = ${process.env.CHAOS_ORG_ID}::uuid and holdout)::int
              as campaign_holdout,
            (select count(*) from campaign_recipients r join email_messages m on m.id = r.message_id
              where r.org_id = ${process.env.CHAOS_ORG_ID}::uuid and r.status = 'sent' and m.status <> 'queued'
              and m.sent_at is not null)::int as campaign_sent`);
        const rows = (result as unknown as { rows?: unknown[] }).rows ?? (result as unknown as unknown[]);
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify(rows[0]));
      } catch (e) {
        res.writeHead(500).end((e as Error).message);
      }
    })();
  });
  control.listen(0, "127.0.0.1", () => {
    const { port } = control.address() as AddressInfo;
    console.log(`ready ${JSON.stringify({ url: h.url, control: `http://127.0.0.1:${port}` })}`);
  });
}

void main();
