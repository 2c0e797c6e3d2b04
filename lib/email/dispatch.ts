import { createHash } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { emailMessages } from "@/db/schema";
import { emailConfig } from "./config";
import { applyOutcomes, outgoing } from "./deliver";
import type { MessageRow } from "./prepare";
import { sharedLimiter, sleep } from "./rate-limiter";
import { getTransport, type SendOutcome } from "./transport";

export const BATCH_SIZE = 100;
const MAX_ATTEMPTS = 8;

export type DispatchCounts = { sent: number; failed: number; pending: number };

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
export function createDispatcher(db: DbOrTx) {
  const cfg = emailConfig();
  const transport = getTransport();
  const limiter = transport.kind === "local" ? null : sharedLimiter(cfg.rateLimit);
  const counts: DispatchCounts = { sent: 0, failed: 0, pending: 0 };
  const inFlight = new Set<Promise<void>>();
  const maxInFlight = Math.max(2, Math.ceil(cfg.rateLimit * 2));

  async function dispatch(rows: MessageRow[], replayKey: string | null): Promise<void> {
    let pending = [...rows].sort((a, b) => a.id.localeCompare(b.id));
    for (let attempt = 1; pending.length && attempt <= MAX_ATTEMPTS; attempt++) {
      let key = replayKey;
      if (!key) {
        key = batchKey(pending);
        // Recorded before the request: a retry after a crash replays this very batch and key.
        await db
          .update(emailMessages)
          .set({ dispatchKey: key })
          .where(and(inArray(emailMessages.id, pending.map((r) => r.id)), eq(emailMessages.status, "queued")));
      }
      replayKey = null;
      const emails = pending.map((r) => outgoing(r, cfg.from));
      const answer = limiter ? await limiter.run(() => transport.sendBatch(emails, key)) : await transport.sendBatch(emails, key);
      const outcomes: SendOutcome[] = Array.isArray(answer) ? answer : pending.map(() => answer);
      await applyOutcomes(db, pending, outcomes);
      const retry: MessageRow[] = [];
      let wait = 0;
      outcomes.forEach((o, i) => {
        if (o.ok) counts.sent++;
        else if (!o.retry) counts.failed++;
        else {
          retry.push(pending[i]!);
          wait = Math.max(wait, o.retryAfterMs ?? backoffMs(attempt));
        }
      });
      pending = retry;
      if (pending.length && attempt < MAX_ATTEMPTS) await sleep(wait);
    }
    // Still queued after every attempt: the queued-mail sweep sends them later.
    counts.pending += pending.length;
  }

  async function launch(rows: MessageRow[], replayKey: string | null) {
    const p = dispatch(rows, replayKey).finally(() => inFlight.delete(p));
    inFlight.add(p);
    if (inFlight.size >= maxInFlight) await Promise.race(inFlight);
  }

  return {
    async add(rows: MessageRow[]) {
      const queued = rows.filter((r) => r.status === "queued");
      for (let i = 0; i < queued.length; i += BATCH_SIZE) await launch(queued.slice(i, i + BATCH_SIZE), null);
    },
    /** Hands a batch over again exactly as before (same members, same key): never a second send. */
    async replay(rows: MessageRow[], key: string) {
      await launch(rows.filter((r) => r.status === "queued"), key);
    },
    async finish(): Promise<DispatchCounts> {
      await Promise.all(inFlight);
      return counts;
    },
  };
}

function batchKey(rows: MessageRow[]): string {
  return `batch-${createHash("sha256").update(rows.map((r) => r.id).join(",")).digest("hex").slice(0, 40)}`;
}
