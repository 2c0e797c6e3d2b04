import "server-only";
import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executorRuns } from "@/db/schema";
import { applyResult } from "./apply";
import { callEnded, callStarted } from "./calls-in-flight";
import { callFunction, defaultCallTimeoutMs, stepUrl } from "./call";
import { claimRuns, LEASE_MS, prepareCall, repairRuns } from "./claim";
import { clockNow, loadClock } from "./clock";
import type { FnConfig } from "./config";
import { fireDueCrons } from "./crons";
import { processPendingEvents } from "./process-events";
import { failRun } from "./runs";
import { loadFunctions, SyncError, syncApp } from "./sync";
import type { TenantOf } from "./types";

type RunRow = typeof executorRuns.$inferSelect;

export type ExecutorOptions = {
  db: Db;
  /** The app's serve handler, e.g. http://127.0.0.1:3000/api/inngest */
  serveUrl: string;
  signingKey: string;
  /** Events, runs and functions are scoped to an environment (tests use their own on a shared database). */
  env?: string;
  /** Calls at once (default 16; the app passes DEFAULT_MAX_IN_FLIGHT or TEND_EXECUTOR_CONCURRENCY). */
  maxInFlight?: number;
  pollMs?: number;
  /**
   * Events matched per tick (default 500). A tick matches one batch, then claims runs: a burst of
   * events never holds back the first runs it started until every other event is matched.
   */
  eventBatch?: number;
  /** Single-process databases (PGlite): leases left by a killed process are released at once. */
  releaseLeasesAtStart?: boolean;
  /** Lease length (default LEASE_MS): how soon another instance takes over the runs of one that died. */
  leaseMs?: number;
  /**
   * How long one call to the app may take (default min(lease / 3, 60 s)). A call that has not
   * answered by then counts as a failed attempt: retried with backoff, and the run fails when
   * its attempts are used up. It must stay well under the lease.
   */
  callTimeoutMs?: number;
  /** Which organisation a run belongs to (the runs console's scope); without it runs belong to none. */
  tenantOf?: TenantOf;
  log?: (level: "info" | "error", message: string) => void;
  /** Observability hook (bench, tests): a call is about to start. */
  onCall?: (run: RunRow, startedAt: Date) => void;
};

/**
 * How many calls the app's executor makes at once. A burst of sends leaves in the provider's batch
 * requests of up to 100 only when that many steps wait together, so a handful in flight would
 * send a handful per request. Most of a call in a burst is waiting (for its batch, for the
 * database): on PGlite, whose one connection the calls queue for, 400 finished bench:playbooks'
 * 10,000 customers in 73-79 s against 82-84 s with 200, and 800 was slower again; on PostgreSQL
 * 400 and 200 did the same (41 s).
 */
export const DEFAULT_MAX_IN_FLIGHT = 400;
/** How long free places may wait to be claimed together (see tick). */
const CLAIM_WAIT_MS = 25;

/** The embedded executor: a loop that matches events, fires crons and calls due runs. */
export class Executor {
  readonly fns = new Map<string, FnConfig>();
  private get leaseMs() {
    return this.opts.leaseMs ?? LEASE_MS;
  }
  get callTimeoutMs(): number {
    return this.opts.callTimeoutMs ?? defaultCallTimeoutMs(this.leaseMs);
  }
  private inFlight = 0;
  private stopped = false;
  /** Aborts the calls in flight when the executor stops. */
  private readonly stopping = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ticking = false;
  private again = false;
  private idle: { minTick: number; resolve: () => void }[] = [];
  private tickNo = 0;
  private eventsDirty = true;
  /** Nothing is matched, fired or claimed until the first sync (see start). */
  private held = false;
  private lastEventCheck = 0;
  private lastCronCheck = 0;
  private lastClaim = 0;
  syncError: string | null = null;

  constructor(readonly opts: ExecutorOptions) {
    // Every call in flight listens for the stop (up to maxInFlight at once): not a leak.
    setMaxListeners(0, this.stopping.signal);
  }

  get env(): string {
    return this.opts.env ?? "default";
  }

  private log(level: "info" | "error", message: string) {
    (this.opts.log ?? ((l, m) => (l === "error" ? console.error(`[executor] ${m}`) : console.log(`[executor] ${m}`))))(
      level,
      message,
    );
  }

  /**
   * `sync`: sync the app before the loop starts. `holdUntilSynced` (default: `sync`): match no
   * event, fire no cron and claim no run until a sync of this process has answered (or given up):
   * until then the functions are those the database remembers — none on a first start — and an
   * event matched against them would start nothing, for good. Pass it with `sync: false` when
   * calling sync() yourself later (boot); leave it off when the stored functions are current.
   */
  async start({
    sync = true,
    holdUntilSynced = sync,
  }: { sync?: boolean; holdUntilSynced?: boolean } = {}): Promise<void> {
    this.held = holdUntilSynced;
    const { db } = this.opts;
    await loadClock(db);
    if (this.opts.releaseLeasesAtStart)
      await db
        .update(executorRuns)
        .set({ leaseUntil: null })
        .where(and(eq(executorRuns.env, this.env), isNotNull(executorRuns.leaseUntil)));
    const repaired = await repairRuns(db, this.env, new Date());
    if (repaired) this.log("info", `repaired ${repaired} run(s) left half-written by a crash of an older version`);
    this.setFunctions(await loadFunctions(db, this.env));
    if (sync) await this.sync();
    this.schedule(0);
  }

  /** Syncs until the app answers (at boot the server may not listen yet). Config problems are not retried. */
  async sync(retryForMs = 60_000): Promise<void> {
    const until = Date.now() + retryForMs;
    for (;;) {
      try {
        this.setFunctions(
          await syncApp(
            this.opts.db,
            this.env,
            this.opts.serveUrl,
            this.opts.signingKey,
            clockNow(),
            this.callTimeoutMs,
          ),
        );
        this.syncError = null;
        this.held = false;
        this.log("info", `synced ${this.fns.size} function(s) from ${this.opts.serveUrl}`);
        this.wake();
        return;
      } catch (e) {
        if (e instanceof SyncError || Date.now() > until || this.stopped) {
          this.syncError = (e as Error).message;
          this.log("error", this.syncError);
          // The app could not be asked: go on with the functions the database remembers.
          if (!(e instanceof SyncError)) this.held = false;
          this.wake();
          if (e instanceof SyncError) throw e;
          return;
        }
        await new Promise((r) => setTimeout(r, 300));
      }
    }
  }

  private setFunctions(fns: FnConfig[]) {
    this.fns.clear();
    for (const fn of fns) this.fns.set(fn.id, fn);
  }

  /** New events were stored: match them soon. */
  notifyEvents(): void {
    this.eventsDirty = true;
    this.wake();
  }

  wake(): void {
    if (this.stopped) return;
    // A tick in progress may have looked before this news: make it go round again.
    if (this.ticking) this.again = true;
    else this.schedule(0);
  }

  private schedule(ms: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
  }

  private async tick() {
    if (this.ticking) {
      this.again = true;
      return;
    }
    if (this.held) {
      this.schedule(this.opts.pollMs ?? 200);
      return;
    }
    this.ticking = true;
    const no = ++this.tickNo;
    let busy = false;
    let waiting = false;
    let deferred = 0;
    try {
      const { db } = this.opts;
      const fns = [...this.fns.values()];
      // Events are looked at when some arrived, and every 250 ms for those written by other
      // processes or transactions (inngest/function.failed); crons once a second. One batch per
      // tick: the runs it started are claimed before the next batch is matched.
      if (this.eventsDirty || Date.now() - this.lastEventCheck > 250) {
        this.eventsDirty = false;
        this.lastEventCheck = Date.now();
        const batch = this.opts.eventBatch ?? 500;
        const matched = await processPendingEvents(db, this.env, fns, clockNow(), batch, this.opts.tenantOf);
        if (matched > 0) busy = true;
        if (matched >= batch) this.eventsDirty = true;
      }
      if (Date.now() - this.lastCronCheck > 1000) {
        this.lastCronCheck = Date.now();
        if ((await fireDueCrons(db, this.env, this.fns, clockNow())) > 0) busy = true;
      }
      const max = this.opts.maxInFlight ?? 16;
      const room = max - this.inFlight;
      // Each call that ends frees one place: claimed one by one, a burst cost a claim (a
      // transaction of five statements) per run. Places are claimed a tenth of the limit at a
      // time, or once CLAIM_WAIT_MS has passed since the last claim, or whenever nothing runs.
      const sinceClaim = Date.now() - this.lastClaim;
      deferred =
        room > 0 && room < Math.max(1, Math.floor(max / 10)) && this.inFlight > 0 && sinceClaim < CLAIM_WAIT_MS
          ? CLAIM_WAIT_MS - sinceClaim
          : 0;
      if (room > 0 && !deferred) {
        this.lastClaim = Date.now();
        const { claimed, blocked } = await claimRuns(
          db,
          this.env,
          this.fns,
          room,
          clockNow(),
          new Date(),
          this.leaseMs,
        );
        for (const run of claimed) void this.execute(run);
        if (claimed.length) busy = true;
        // Runs waiting for a concurrency slot: not idle, but no need to spin either.
        if (blocked) waiting = true;
      }
    } catch (e) {
      if (!this.stopped) this.log("error", `tick failed: ${(e as Error).stack ?? e}`);
    }
    this.ticking = false;
    if (this.stopped) return;
    if (this.again || busy) {
      this.again = false;
      this.schedule(0);
    } else if (deferred) {
      this.schedule(deferred);
    } else {
      if (this.inFlight === 0 && !waiting) {
        const ready = this.idle.filter((w) => w.minTick <= no);
        this.idle = this.idle.filter((w) => w.minTick > no);
        ready.forEach((w) => w.resolve());
      }
      this.schedule(this.opts.pollMs ?? 200);
    }
  }

  private async execute(run: RunRow) {
    this.inFlight++;
    const { db } = this.opts;
    const renew = setInterval(() => {
      void db
        .update(executorRuns)
        .set({ leaseUntil: new Date(Date.now() + this.leaseMs) })
        .where(eq(executorRuns.id, run.id))
        .catch(() => {});
    }, this.leaseMs / 3);
    try {
      const fn = this.fns.get(run.functionId);
      if (!fn) {
        await db.transaction((tx) =>
          failRun(
            tx,
            run,
            { name: "FunctionNotFound", message: `function "${run.functionId}" is not served by the app any more` },
            clockNow(),
          ),
        );
        return;
      }
      const { steps, stack } = await prepareCall(db, run, clockNow());
      const planned = run.planned.find((p) => !(p.id in steps));
      const url = planned ? stepUrl(fn.steps.step!.runtime.url, planned.id) : fn.steps.step!.runtime.url;
      this.opts.onCall?.(run, clockNow());
      // Named to the SDK, which then checkpoints its steps to this call (calls-in-flight.ts).
      const callId = randomUUID();
      callStarted(callId, db, run);
      const result = await callFunction(
        {
          url,
          event: run.event,
          events: run.events,
          steps,
          runId: run.id,
          attempt: run.attempt,
          maxAttempts: run.maxAttempts,
          stack,
          checkpoint: { fnId: run.functionId, queueItemId: callId },
        },
        this.opts.signingKey,
        this.callTimeoutMs,
        this.stopping.signal,
      );
      callEnded(callId);
      if (result.kind === "network" && this.stopping.signal.aborted && !result.timedOut) {
        // Abandoned by stop(), not failed: the run is free again for whoever runs next.
        await db.update(executorRuns).set({ leaseUntil: null }).where(eq(executorRuns.id, run.id));
        return;
      }
      await applyResult(db, run, planned, result, clockNow(), { hasCancelWaits: !!fn.cancel?.length });
      // A run that ended may have announced inngest/function.failed: match it without delay.
      if (result.kind === "network" || result.status !== 206) this.eventsDirty = true;
    } catch (e) {
      if (this.stopped) return;
      this.log("error", `run ${run.id} failed to advance: ${(e as Error).stack ?? e}`);
      await db
        .update(executorRuns)
        .set({ leaseUntil: null, dueAt: new Date(clockNow().getTime() + 1000) })
        .where(eq(executorRuns.id, run.id))
        .catch(() => {});
    } finally {
      clearInterval(renew);
      this.inFlight--;
      this.wake();
    }
  }

  /** Resolves when nothing is due and no call is in flight (tests). */
  whenIdle(): Promise<void> {
    this.eventsDirty = true;
    this.lastCronCheck = 0;
    return new Promise((resolve) => {
      this.idle.push({ minTick: this.tickNo + 1, resolve });
      this.wake();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    clearTimeout(this.timer);
    const until = Date.now() + 10_000;
    while ((this.inFlight > 0 || this.ticking) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  }
}

const key = Symbol.for("tend.executor");
type G = typeof globalThis & { [key]?: Executor };

/** The executor running in this process, if any (shared by every Next bundle). */
export function runningExecutor(): Executor | undefined {
  return (globalThis as G)[key];
}

export function setRunningExecutor(e: Executor | undefined): void {
  (globalThis as G)[key] = e;
}
