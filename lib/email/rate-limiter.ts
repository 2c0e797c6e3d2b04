import { AsyncLocalStorage } from "node:async_hooks";
import diagnostics from "node:diagnostics_channel";

type Slot = { sentAt: number | null; endedAt: number; left: () => void };
/** `left` resolves when the request has left (or, untracked, was answered). */
export type Lease = {
  send: <T>(fn: () => Promise<T>) => Promise<T>;
  release: () => void;
  left: Promise<void>;
  /** Resolves when the window has room for this request (at once unless the slot was granted early). */
  ready: () => Promise<void>;
};

/**
 * At most `limit` requests in any one-second window, shared by every sender in the process
 * (single sends and bulk batches). The provider counts arrivals, so a slot is held from when it
 * is granted until one window after the request left: the moment fetch finished writing its body
 * (Node's fetch reports it on a diagnostics channel), or, when that is unknown, its answer. A
 * busy event loop can hold a granted request back for hundreds of milliseconds, which is why
 * the grant itself is not the start. A 429 that slips through anyway is handled by the caller
 * (retry-after).
 */
export class RateLimiter {
  private slots: Slot[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly limit: number,
    private readonly windowMs = 1000,
    private readonly marginMs = 20,
  ) {}

  /** Runs fn inside a slot. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const lease = await this.acquire();
    try {
      return await lease.send(fn);
    } finally {
      lease.release();
    }
  }

  /**
   * Waits for a slot. Make the request with `send` (a fetch inside it is tracked to the moment
   * it leaves) and call `release` when the answer arrives.
   *
   * `earlyMs`: the slot may be granted up to this long before the window has room, for a caller
   * with work to do before its request (the hand-over's consent check); it must `await ready()`
   * right before the request. Granted only on time, each slot would go round every window plus
   * that work, and the provider's limit would never be reached.
   */
  acquire({ earlyMs = 0 }: { earlyMs?: number } = {}): Promise<Lease> {
    const turn = this.chain.then(() => this.waitForSlot(earlyMs));
    // The next slot is granted once this request has left (or 50 ms passed): granted together,
    // requests are built together and all leave late, and the window counts from the last.
    this.chain = turn.then(
      (lease) => Promise.race([lease.left, sleep(50)]),
      () => {},
    );
    return turn;
  }

  private async waitForSlot(earlyMs: number): Promise<Lease> {
    for (;;) {
      const horizon = Date.now() - this.windowMs - this.marginMs;
      this.slots = this.slots.filter((s) => heldUntil(s) > horizon);
      // Slots whose window ends within earlyMs count as free for an early grant.
      if (this.slots.filter((s) => heldUntil(s) > horizon + earlyMs).length < this.limit) {
        let left = () => {};
        const leftPromise = new Promise<void>((resolve) => (left = resolve));
        const slot: Slot = { sentAt: null, endedAt: Infinity, left };
        this.slots.push(slot);
        return {
          send: (fn) => requestsOf.run(slot, fn),
          release: () => {
            slot.endedAt = Date.now();
            slot.left();
          },
          left: leftPromise,
          ready: () => this.roomFor(slot),
        };
      }
      const earliest = Math.min(...this.slots.map(heldUntil));
      await sleep(Number.isFinite(earliest) ? earliest - horizon - earlyMs + 1 : 5);
    }
  }

  /** Waits until the slots other than `mine` leave it room in the window. */
  private async roomFor(mine: Slot): Promise<void> {
    for (;;) {
      const horizon = Date.now() - this.windowMs - this.marginMs;
      const others = this.slots.filter((s) => s !== mine && heldUntil(s) > horizon);
      if (others.length < this.limit) return;
      await sleep(Math.min(...others.map(heldUntil)) - horizon + 1);
    }
  }
}

// The request left at sentAt (it cannot arrive later than it was answered either).
const heldUntil = (s: Slot) => Math.min(s.sentAt ?? Infinity, s.endedAt);

// Which slot a fetch belongs to: set around the sender's code, read when undici creates the request.
const requestsOf = new AsyncLocalStorage<Slot>();
const slotOfRequest = new WeakMap<object, Slot>();
diagnostics.subscribe("undici:request:create", (message) => {
  const slot = requestsOf.getStore();
  if (slot) slotOfRequest.set((message as { request: object }).request, slot);
});
diagnostics.subscribe("undici:request:bodySent", (message) => {
  const slot = slotOfRequest.get((message as { request: object }).request);
  if (slot && slot.sentAt === null) {
    slot.sentAt = Date.now();
    slot.left();
  }
});

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

const key = Symbol.for("tend.email.rate-limiter");
type G = typeof globalThis & { [key]?: RateLimiter };

/** One limiter per process, rebuilt when RESEND_RATE_LIMIT changes. */
export function sharedLimiter(limit: number): RateLimiter {
  const g = globalThis as G;
  if (!g[key] || g[key].limit !== limit) g[key] = new RateLimiter(limit);
  return g[key];
}
