import type { DbOrTx } from "@/db/client";
import { emailConfig } from "./config";
import { applyOutcomes, outgoing } from "./deliver";
import type { MessageRow } from "./prepare";
import { batchKey } from "./batch-key";
import { HAND_OVER_LEAD_MS, prepareHandOver } from "./hand-over";
import { sharedLimiter, sleep } from "./rate-limiter";
import { getTransport, type SendOutcome } from "./transport";

export const BATCH_SIZE = 100;
const MAX_ATTEMPTS = 8;

export type DispatchCounts = { sent: number; failed: number; pending: number; suppressed: number };

/** 5xx and network errors: 0.5 s, 1 s, 2 s … capped at 30 s, with jitter so retries do not align. */
export function backoffMs(attempt: number): number {
  const base = Math.min(30_000, 500 * 2 ** (attempt - 1));
  return base / 2 + Math.random() * (base / 2);
}

/**
 * Hands queued messages to the provider's batch endpoint (≤ 100 per request) under the shared
 * rate limit, several batches in flight. A 429 waits for retry-after and a 5xx backs off — only
 * that batch waits, the others keep the pace. A batch's idempotency key is derived from its
 * message ids, so a retried batch never sends twice. Call add() per chunk, then finish().
 */
export function createDispatcher(
  db: DbOrTx,
  options: {
    readyAhead?: number;
    /** After each request's answers (and any suppressions) are recorded: the messages it settled or kept. */
    onAnswered?: (ids: string[]) => Promise<void>;
  } = {},
) {
  const cfg = emailConfig();
  const transport = getTransport();
  const limiter = transport.kind === "local" ? null : sharedLimiter(cfg.rateLimit);
  const counts: DispatchCounts = { sent: 0, failed: 0, pending: 0, suppressed: 0 };
  const inFlight = new Set<Promise<void>>();
  const maxInFlight = Math.max(2, Math.ceil(cfg.rateLimit * 2));
  // How many batches may wait for a slot: enough to fill a window, few enough that a pause or
  // cancel read before the next batch is prepared stops sends soon (a campaign asks for fewer).
  const readyAhead = options.readyAhead ?? Math.max(2, Math.ceil(cfg.rateLimit));

  async function dispatch(rows: MessageRow[], replayKey: string | null): Promise<void> {
    let pending = [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
    let key = replayKey;
    for (let attempt = 1; pending.length && attempt <= MAX_ATTEMPTS; attempt++) {
      // In the slot, right before the request: each member is checked again (an unsubscribe or a
      // cancelled run since it was stored suppresses it); the same members keep the same key, a
      // smaller set (some were settled or stopped) is a new batch, its key recorded before the
      // request so that a retry after a crash replays this very batch and key.
      const inSlot = async (ready?: () => Promise<void>) => {
        const h = await prepareHandOver(db, "email", pending, { batch: true, key });
        counts.suppressed += h.suppressed.size;
        if (!h.send.length || !h.key) return { h, answer: [] as SendOutcome[] };
        const emails = h.send.map((r) => outgoing(r, cfg.from));
        await ready?.();
        return { h, answer: await transport.sendBatch(emails, h.key) };
      };
      const { h, answer } = limiter ? await sendInSlot(inSlot) : await inSlot();
      if (!h.send.length) {
        if (h.suppressed.size) await options.onAnswered?.([...h.suppressed.keys()]);
        pending = [];
        break;
      }
      const sent = h.send;
      const outcomes: SendOutcome[] = Array.isArray(answer) ? answer : sent.map(() => answer);
      await applyOutcomes(db, sent, outcomes);
      await options.onAnswered?.([...h.suppressed.keys(), ...sent.map((r) => r.id)]);
      const retry: MessageRow[] = [];
      let wait = 0;
      outcomes.forEach((o, i) => {
        if (o.ok) counts.sent++;
        else if (!o.retry) counts.failed++;
        else {
          retry.push(sent[i]!);
          wait = Math.max(wait, o.retryAfterMs ?? backoffMs(attempt));
        }
      });
      key = retry.length === sent.length ? h.key : null;
      pending = retry;
      if (pending.length && attempt < MAX_ATTEMPTS) await sleep(wait);
    }
    // Still queued after every attempt: the queued-mail sweep sends them later.
    counts.pending += pending.length;
  }

  // Batches waiting for a rate-limit slot. The caller prepares the next chunk while fewer than a
  // window's worth wait, so a new window finds its batches ready and sends them at once.
  let waiting = 0;
  let leaving = 0;
  let slotTaken: () => void = () => {};
  async function sendInSlot<T>(fn: (ready: () => Promise<void>) => Promise<T>): Promise<T> {
    waiting++;
    const lease = await limiter!.acquire({ earlyMs: HAND_OVER_LEAD_MS });
    waiting--;
    leaving++;
    try {
      const answer = lease.send(() => fn(lease.ready));
      // The caller prepares the next chunk once this request has left: preparing holds the event
      // loop, and a request held back that way counts against the window all the same.
      void lease.left.then(() => {
        leaving--;
        slotTaken();
      });
      return await answer;
    } finally {
      lease.release();
    }
  }

  async function launch(rows: MessageRow[], replayKey: string | null) {
    const p = dispatch(rows, replayKey).finally(() => inFlight.delete(p));
    inFlight.add(p);
    while (inFlight.size >= maxInFlight || waiting >= readyAhead || leaving > 0) {
      const taken = new Promise<void>((resolve) => (slotTaken = resolve));
      await Promise.race([...inFlight, taken]);
    }
  }

  return {
    async add(rows: MessageRow[]) {
      const queued = rows.filter((r) => r.status === "queued");
      for (let i = 0; i < queued.length; i += BATCH_SIZE) {
        const chunk = queued.slice(i, i + BATCH_SIZE);
        // Prepared as a batch (key stored with the rows): hand it over under that key.
        const stored = chunk[0]?.dispatchKey;
        await launch(
          chunk,
          stored && chunk.every((r) => r.dispatchKey === stored) && stored === batchKey(chunk.map((r) => r.id))
            ? stored
            : null,
        );
      }
    },
    /** Hands a batch over again exactly as before (same members, same key): never a second send. */
    async replay(rows: MessageRow[], key: string) {
      await launch(
        rows.filter((r) => r.status === "queued"),
        key,
      );
    },
    async finish(): Promise<DispatchCounts> {
      await Promise.all(inFlight);
      return counts;
    },
  };
}
