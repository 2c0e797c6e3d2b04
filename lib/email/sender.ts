import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { emailMessages } from "@/db/schema";
import { emailConfig } from "./config";
import type { SuppressionCode } from "./consent";
import { applyOutcomes, outgoing } from "./deliver";
import { HAND_OVER_LEAD_MS, prepareHandOver } from "./hand-over";
import type { MessageRow } from "./prepare";
import { sharedLimiter, type Lease } from "./rate-limiter";
import { getTransport, type SendOutcome } from "./transport";

/** The provider's batch endpoint takes up to 100 emails a request. */
export const SENDER_BATCH = 100;

/** What became of one message handed to the sender. */
export type HandOverResult =
  | { kind: "sent" | "failed" | "retry"; outcome: SendOutcome }
  | { kind: "suppressed"; reason: SuppressionCode }
  /** Not handed over by this call: settled elsewhere meanwhile, or in another batch's hands. */
  | { kind: "skipped" };

/** Why a batch left: full (100 waiting), idle (nothing else waiting or in flight), window (the wait ran out), replay. */
export type FlushReason = "full" | "idle" | "window" | "replay";
export type Flush = { reason: FlushReason; size: number; key: string | null; ids: string[] };

type Waiter = { row: MessageRow; resolve: (r: HandOverResult) => void; reject: (e: unknown) => void };

const windowMs = () => {
  const n = Number(process.env.EMAIL_COALESCE_MS ?? 25);
  return Number.isFinite(n) && n >= 0 ? n : 25;
};

const listeners = new Set<(f: Flush) => void>();
/** Tells `fn` about every batch the sender hands over (tests, the bench). Returns the way to stop. */
export function observeFlushes(fn: (f: Flush) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/**
 * Coalesces single sends that arrive together (playbook steps of many runs, owner emails) into
 * the provider's batch requests: a message waits until 100 are waiting or a short window has
 * passed since the batch began, and leaves at once when nothing else waits or is in flight. Each
 * batch takes a slot of the shared rate limiter and, in it, takes every message waiting then (up
 * to 100): under a backlog requests are full. Right before the request every member is checked
 * again (consent, suppression, the source run) and the batch key is recorded on the members, so
 * a crash between the request and the recorded answer replays the same batch under the same key
 * (replay()). Every caller gets its own message's outcome; nothing is retried here (a step that
 * gets a 429/5xx throws and its retry replays the batch).
 */
class Sender {
  private pending: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private taking = false;
  private inFlight = 0;
  private replays = new Map<string, Promise<Map<string, HandOverResult>>>();

  constructor(private readonly db: DbOrTx) {}

  /** Messages waiting for their batch to be formed. */
  waiting(): number {
    return this.pending.length;
  }

  submit(row: MessageRow): Promise<HandOverResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ row, resolve, reject });
      this.kick();
    });
  }

  /** Hands the batch stored under `key` over again, as it was (or re-formed without members that may no longer go). */
  replay(key: string): Promise<Map<string, HandOverResult>> {
    let p = this.replays.get(key);
    if (!p) {
      p = (async () => {
        const rows = await this.db
          .select()
          .from(emailMessages)
          .where(and(eq(emailMessages.dispatchKey, key), eq(emailMessages.status, "queued")));
        if (!rows.length) return new Map<string, HandOverResult>();
        return this.deliver(rows, key, await this.slot(), "replay");
      })().finally(() => this.replays.delete(key));
      this.replays.set(key, p);
    }
    return p;
  }

  private kick() {
    if (this.taking || !this.pending.length) return;
    if (this.pending.length >= SENDER_BATCH) return void this.take("full");
    if (this.inFlight === 0) return void this.take("idle");
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.take("window");
    }, windowMs());
  }

  private slot(): Promise<Lease | null> {
    return getTransport().kind === "local"
      ? Promise.resolve(null)
      : sharedLimiter(emailConfig().rateLimit).acquire({ earlyMs: HAND_OVER_LEAD_MS });
  }

  private async take(reason: FlushReason) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.taking = true;
    this.inFlight++;
    let lease: Lease | null = null;
    try {
      lease = await this.slot();
    } catch (e) {
      // Never expected (the limiter only waits); fail the waiters rather than hang them.
      this.pending.splice(0).forEach((w) => w.reject(e));
    }
    // Everything waiting now, up to a full request, goes in this slot.
    const batch = this.pending.splice(0, SENDER_BATCH);
    this.taking = false;
    this.kick();
    const done = batch.length
      ? this.deliver(
          batch.map((w) => w.row),
          null,
          lease,
          reason,
        ).then(
          (results) => batch.forEach((w) => w.resolve(results.get(w.row.id) ?? { kind: "skipped" })),
          (e: unknown) => batch.forEach((w) => w.reject(e)),
        )
      : Promise.resolve(lease?.release());
    void done.finally(() => {
      this.inFlight--;
      this.kick();
    });
  }

  /** Check, claim, one request, the answers recorded: each member's result. */
  private async deliver(
    rows: MessageRow[],
    key: string | null,
    lease: Lease | null,
    reason: FlushReason,
  ): Promise<Map<string, HandOverResult>> {
    const results = new Map<string, HandOverResult>();
    const transport = getTransport();
    const from = emailConfig().from;
    try {
      const request = async () => {
        const h = await prepareHandOver(this.db, "email", rows, { batch: true, key });
        if (!h.send.length || !h.key) return { h, answer: [] as SendOutcome[] };
        await lease?.ready();
        return {
          h,
          answer: await transport.sendBatch(
            h.send.map((r) => outgoing(r, from)),
            h.key,
          ),
        };
      };
      const { h, answer } = lease ? await lease.send(request) : await request();
      lease?.release();
      lease = null;
      for (const [id, r] of h.suppressed) results.set(id, { kind: "suppressed", reason: r });
      if (!h.send.length) return results;
      const outcomes = Array.isArray(answer) ? answer : h.send.map(() => answer);
      await applyOutcomes(this.db, h.send, outcomes);
      // Some answered and some to retry (fewer ids than emails): those are no longer this batch.
      const retry = h.send.filter((_, i) => !outcomes[i]!.ok && outcomes[i]!.retry);
      if (retry.length && retry.length < h.send.length) await forgetKey(this.db, retry, h.key!);
      h.send.forEach((r, i) => {
        const o = outcomes[i]!;
        results.set(r.id, { kind: o.ok ? "sent" : o.retry ? "retry" : "failed", outcome: o });
      });
      const flush: Flush = { reason, size: h.send.length, key: h.key, ids: h.send.map((r) => r.id) };
      listeners.forEach((fn) => fn(flush));
      return results;
    } finally {
      lease?.release();
    }
  }
}

/** Members left to retry after their batch was answered for the others go out alone under their own id. */
async function forgetKey(db: DbOrTx, rows: MessageRow[], key: string) {
  for (const r of rows)
    await db
      .update(emailMessages)
      .set({ dispatchKey: null })
      .where(and(eq(emailMessages.id, r.id), eq(emailMessages.dispatchKey, key)));
}

const senders = new WeakMap<object, Sender>();
const key = Symbol.for("tend.email.senders");
type G = typeof globalThis & { [key]?: WeakMap<object, Sender> };

/** The process's sender for this database handle (shared by every Next bundle). */
export function senderFor(db: DbOrTx): Sender {
  const g = globalThis as G;
  const map = (g[key] ??= senders);
  let s = map.get(db);
  if (!s) map.set(db, (s = new Sender(db)));
  return s;
}
