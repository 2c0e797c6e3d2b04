// The chaos run shared by `npm run bench:chaos` and tests/integration/executor-chaos.test.ts: a
// busy mixed workload (playbook runs that send email and sleep, segment refreshes held to one at a
// time per organisation, the queued-mail sweep) on a server process (chaos-app.ts) that is killed
// with SIGKILL at random moments and started again, while sends go to the Resend stand-in (its own
// process, so it survives the kills) which injects 429s and 5xx errors.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { contacts, organizations, playbooks, playbookVersions, segmentMembers, segments, users } from "@/db/schema";
import { createCampaign, scheduleCampaign } from "@/lib/campaigns";
import { ensureEmailDefaults } from "@/lib/email/topics";
import { installDefaultPlaybooks } from "@/lib/playbooks/install";
import { createSegment } from "@/lib/segments/segments";
import type { UserCtx } from "@/lib/context";
import { startStubProcess } from "@/tests/email/stub-process";
import { chaosServers, type ChaosServer } from "./chaos-server";

export type ChaosOptions = {
  /** SIGKILLs of the server (each followed by a restart). */
  kills: number;
  /** Customers; each gets one failed payment, which starts a playbook run (send, sleep, send, sleep, notify). */
  contacts: number;
  /** PostgreSQL URL; PGlite in a temporary folder when absent. */
  databaseUrl?: string;
  /** The executor's lease (how soon a killed instance's runs are taken over on PostgreSQL). */
  leaseMs: number;
  /** Share of provider requests that fail (429, 5xx before or after accepting). */
  faultRate?: number;
  /** Milliseconds between a restart being ready and the next kill: uniform in [min, max]. */
  killGapMs?: [number, number];
  /** How long the drain after the last kill may take before giving up (the run then reports what is unfinished). */
  drainMs?: number;
  log?: (message: string) => void;
};

export type ChaosResult = {
  driver: "postgres" | "pglite";
  kills: number;
  runs: number;
  unfinished: number;
  failed: number;
  duplicate_sends: number;
  sends: number;
  max_stall_s: number;
  /** The longest the server was down (killed until it answered again), not counted as a stall. */
  max_down_s: number;
  lease_s: number;
  /** The campaign: its frozen audience, those held out, and recipients whose one message was sent. */
  campaign_status: string;
  campaign_recipients: number;
  campaign_holdout: number;
  campaign_sent: number;
};

type Status = {
  progress: number;
  runnable: number;
  unfinished: number;
  failed: number;
  runs: number;
  queued_mail: number;
  campaign_status: string;
  campaign_recipients: number;
  campaign_holdout: number;
  campaign_sent: number;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One organisation with customers, the built-in playbooks (the payment rescue's waits cut to minutes) and a dynamic segment. */
async function seed(databaseUrl: string | undefined, dir: string, customers: number) {
  const handle = await openDatabase(
    databaseUrl ? { kind: "postgres", url: databaseUrl } : { kind: "pglite", dir: path.join(dir, "pglite") },
  );
  try {
    const { db } = handle;
    const [org] = await db
      .insert(organizations)
      .values({
        name: `Chaos ${randomUUID().slice(0, 8)}`,
        quietHoursStart: null,
        quietHoursEnd: null,
        frequencyCapCount: null,
      })
      .returning({ id: organizations.id });
    const orgId = org!.id;
    const [owner] = await db
      .insert(users)
      .values({
        orgId,
        email: `chaos-${randomUUID()}@chaos.example`,
        name: "Chaos Owner",
        role: "owner",
        passwordHash: "x",
      })
      .returning({ id: users.id });
    const ctx: UserCtx = { orgId, db, actor: { kind: "user", id: owner!.id, role: "owner" } };
    await installDefaultPlaybooks(ctx, "active");
    const [pb] = await db
      .select({ versionId: playbooks.currentVersionId })
      .from(playbooks)
      .where(and(eq(playbooks.orgId, orgId), eq(playbooks.key, "payment_failed_rescue")));
    const [version] = await db.select().from(playbookVersions).where(eq(playbookVersions.id, pb!.versionId!));
    const graph = {
      ...version!.graph,
      nodes: version!.graph.nodes.map((n) =>
        n.type === "wait" ? { ...n, config: { amount: 1, unit: "minutes" } } : n,
      ),
    } as NonNullable<typeof version>["graph"];
    await db.update(playbookVersions).set({ graph }).where(eq(playbookVersions.id, version!.id));
    const cities = ["Porto", "Faro", "Braga"];
    const rows = await db
      .insert(contacts)
      .values(
        Array.from({ length: customers }, (_, i) => ({
          orgId,
          firstName: `C${i}`,
          email: `c${i}-${randomUUID().slice(0, 6)}@chaos.example`,
          city: cities[i % cities.length],
          marketingConsent: "subscribed" as const,
        })),
      )
      .returning({ id: contacts.id });
    const id = () => randomUUID().slice(0, 8);
    await createSegment(ctx, {
      name: "In Porto",
      criteria: {
        kind: "group",
        id: id(),
        match: "all",
        children: [{ kind: "condition", id: id(), field: "contact.city", op: "is", value: "Porto" }],
      },
    });
    // A campaign to every customer (a tenth held out), started with the workload: it must reach
    // each of the others exactly once whatever the kills interrupt.
    await ensureEmailDefaults(db, orgId);
    const [everyone] = await db
      .insert(segments)
      .values({ orgId, name: "Everyone", kind: "static", memberCount: rows.length })
      .returning({ id: segments.id });
    await db.insert(segmentMembers).values(rows.map((r) => ({ orgId, segmentId: everyone!.id, contactId: r.id })));
    const campaign = await createCampaign(ctx, {
      name: "Chaos campaign",
      category: "promotions",
      segmentIds: [everyone!.id],
      subject: "Hello {{contact.first_name}}",
      body: "Hi {{contact.first_name}},\n\nSee [our offers](https://shop.example/offers).",
      holdoutPercent: 10,
    });
    await scheduleCampaign(ctx, campaign.id, { mode: "now" });
    return { orgId, contactIds: rows.map((r) => r.id) };
  } finally {
    await handle.close();
  }
}

export async function runChaos(o: ChaosOptions): Promise<ChaosResult> {
  const log = o.log ?? (() => {});
  const dir = mkdtempSync(path.join(tmpdir(), "tend-chaos-"));
  const env = `chaos-${randomUUID().slice(0, 8)}`;
  const stub = await startStubProcess(50, o.faultRate ?? 0.1, 1);
  let server: ChaosServer | undefined;
  let servers: Awaited<ReturnType<typeof chaosServers>> | undefined;
  let monitoring = true;
  let feeding = true;
  try {
    const { orgId, contactIds } = await seed(o.databaseUrl, dir, o.contacts);
    const serverEnv = {
      ...process.env,
      CHAOS_DIR: dir,
      CHAOS_ENV: env,
      CHAOS_ORG_ID: orgId,
      CHAOS_DATABASE_URL: o.databaseUrl ?? "",
      CHAOS_LEASE_MS: String(o.leaseMs),
      DATABASE_URL: "",
      RESEND_API_KEY: "re_chaos",
      RESEND_BASE_URL: stub.url,
      RESEND_RATE_LIMIT: "50",
      EMAIL_LINK_SECRET: "chaos-email-link-secret",
    };
    servers = await chaosServers(dir, serverEnv, log);
    const start = async () => (server = await servers!.start());
    // Whatever dies by itself ends the run at once, with its reason: a workload that cannot make
    // progress (no provider, no server) must not be waited on until a deadline.
    const check = () => {
      const crash = server?.crash();
      if (crash) throw crash;
      if (!stub.alive()) throw new Error("the Resend stand-in died: every send would fail");
    };
    const status = async (): Promise<Status | null> => {
      try {
        const res = await fetch(`${server!.control}/status`, { signal: AbortSignal.timeout(5_000) });
        return res.ok ? ((await res.json()) as Status) : null;
      } catch {
        return null;
      }
    };
    const advance = () =>
      fetch(`${server!.control}/advance?d=1m`, { signal: AbortSignal.timeout(5_000) }).catch(() => {});
    log(`seeded ${contactIds.length} customers`);

    // Stall: the longest time no run made progress while runnable work existed and the server
    // was up. Time the server is down (killed, starting again) is counted apart (max_down_s): it
    // is the machine's start-up time, and on a loaded machine it would hide what the executor does.
    let lastProgress = -1;
    let lastChange = Date.now();
    let downSince: number | null = null;
    let maxDown = 0;
    let maxStall = 0;
    const monitor = (async () => {
      while (monitoring) {
        const st = server ? await status() : null;
        const now = Date.now();
        if (!st) {
          downSince ??= now;
          maxDown = Math.max(maxDown, now - downSince);
          lastChange = now;
        } else {
          downSince = null;
          if (st.progress !== lastProgress || st.runnable === 0) {
            lastProgress = st.progress;
            lastChange = now;
          }
          if (
            now - lastChange > 10_000 &&
            Math.floor((now - lastChange) / 5_000) !== Math.floor((now - lastChange - 500) / 5_000)
          )
            log(`no progress for ${((now - lastChange) / 1000).toFixed(0)} s: ${JSON.stringify(st)}`);
          maxStall = Math.max(maxStall, now - lastChange);
        }
        await sleep(500);
      }
    })();

    // The workload, fed while the server lives and dies: every customer's failed payment (once),
    // and changes that make the organisation's segments refresh. Event ids make a resend harmless.
    const pending: object[] = [];
    contactIds.forEach((contactId, i) => {
      pending.push({
        id: `pf-${contactId}`,
        name: "crm/payment.failed",
        data: { orgId, contactId, sourceEventId: `chaos-${contactId}`, source: "api", properties: {} },
      });
      if (i % 3 === 0)
        pending.push({
          id: `cu-${contactId}`,
          name: "crm/contact.updated",
          data: { orgId, contactIds: [contactId], actorId: null },
        });
    });
    const total = pending.length;
    let kills = 0;
    // Spread over the first two thirds of the kills, so that kills land among new runs, sends,
    // wakes and retries alike, not on a server that has nothing left to do.
    const allowed = () => Math.ceil((total * (kills + 1)) / Math.max(1, Math.ceil((o.kills * 2) / 3)));
    const feeder = (async () => {
      while (feeding && pending.length) {
        const batch = pending.slice(0, Math.min(4, Math.max(0, allowed() - (total - pending.length))));
        if (!batch.length) {
          await sleep(100);
          continue;
        }
        try {
          const res = await fetch(`${server!.url}/e/chaos-key`, {
            method: "POST",
            body: JSON.stringify(batch),
            signal: AbortSignal.timeout(5_000),
          });
          if (res.ok) pending.splice(0, batch.length);
        } catch {
          // the server is down: try again
        }
        await sleep(150);
      }
    })();

    await start();
    const [lo, hi] = o.killGapMs ?? [500, 3_500];
    while (kills < o.kills) {
      // Sleeping runs wake during the kills too: the executor clock moves a minute every other kill.
      if (kills % 2 === 1) await advance();
      await sleep(lo + Math.random() * (hi - lo));
      check();
      await server!.kill();
      kills++;
      log(`kill ${kills}/${o.kills} (events fed ${total - pending.length}/${total})`);
      await start();
    }
    // Every event must have gone in before the drain.
    while (pending.length) {
      check();
      await sleep(200);
    }
    feeding = false;
    await feeder;

    log("draining");
    const deadline = Date.now() + (o.drainMs ?? 10 * 60_000);
    let last: Status | null = null;
    let answeredAt = Date.now();
    let quietSince: number | null = null;
    for (;;) {
      check();
      const st = await status();
      if (st) answeredAt = Date.now();
      else if (Date.now() - answeredAt > 60_000) throw new Error("the chaos server has not answered for a minute");
      last = st ?? last;
      // Quiet for a few seconds, not once: the relay may still hand over an event that starts a run.
      if (last && last.unfinished === 0 && last.runnable === 0 && last.queued_mail === 0) {
        quietSince ??= Date.now();
        if (Date.now() - quietSince >= 5_000) break;
      } else quietSince = null;
      if (Date.now() > deadline) break;
      // Sleeps (1 and 1 minutes) and the queued-mail sweep (every 5 minutes, mail older than 2) move on the clock.
      if (last && last.runnable === 0) await advance();
      await sleep(1_000);
    }
    monitoring = false;
    await monitor;
    const final = (await status()) ?? last!;
    const byFunction = await fetch(`${server!.control}/functions`, { signal: AbortSignal.timeout(10_000) })
      .then((r) => r.text())
      .catch((e: Error) => `(not read: ${e.message})`);
    log(`by function: ${byFunction}`);
    const stats = await stub.stats();
    const ids = stats.messageIds.filter((id): id is string => !!id);
    log(`final ${JSON.stringify(final)}; the provider saw ${stats.requests} requests`);
    return {
      driver: o.databaseUrl ? "postgres" : "pglite",
      kills,
      runs: final.runs,
      unfinished: final.unfinished,
      failed: final.failed,
      duplicate_sends: ids.length - new Set(ids).size,
      sends: new Set(ids).size,
      max_stall_s: Math.round(maxStall / 100) / 10,
      max_down_s: Math.round(maxDown / 100) / 10,
      lease_s: o.leaseMs / 1000,
      campaign_status: final.campaign_status,
      campaign_recipients: final.campaign_recipients,
      campaign_holdout: final.campaign_holdout,
      campaign_sent: final.campaign_sent,
    };
  } finally {
    monitoring = false;
    feeding = false;
    await server?.kill();
    servers?.close();
    stub.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
