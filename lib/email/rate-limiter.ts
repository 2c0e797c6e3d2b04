/**
 * At most `limit` requests in any one-second window, shared by every sender in the process
 * (single sends and bulk batches). A request holds its slot from its start until one window after
 * its answer: the provider counts arrivals, which happen anywhere in between (a busy event loop
 * can hold a request's body back for hundreds of milliseconds), so no sixth request can land in
 * the provider's window. A 429 that slips through anyway is handled by the caller (retry-after).
 */
export class RateLimiter {
  private slots: { endedAt: number }[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly limit: number,
    private readonly windowMs = 1000,
    private readonly marginMs = 5,
  ) {}

  /** Waits for a slot; call the returned function when the answer arrives. */
  acquire(): Promise<() => void> {
    const turn = this.chain.then(() => this.waitForSlot());
    this.chain = turn.then(
      () => {},
      () => {},
    );
    return turn;
  }

  /** Runs fn inside a slot. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }

  private async waitForSlot(): Promise<() => void> {
    for (;;) {
      const horizon = Date.now() - this.windowMs - this.marginMs;
      this.slots = this.slots.filter((s) => s.endedAt > horizon);
      if (this.slots.length < this.limit) {
        const slot = { endedAt: Infinity };
        this.slots.push(slot);
        return () => {
          slot.endedAt = Date.now();
        };
      }
      const earliest = Math.min(...this.slots.map((s) => s.endedAt));
      await sleep(Number.isFinite(earliest) ? earliest - horizon + 1 : 5);
    }
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

const key = Symbol.for("tend.email.rate-limiter");
type G = typeof globalThis & { [key]?: RateLimiter };

/** One limiter per process, rebuilt when RESEND_RATE_LIMIT changes. */
export function sharedLimiter(limit: number): RateLimiter {
  const g = globalThis as G;
  if (!g[key] || g[key].limit !== limit) g[key] = new RateLimiter(limit);
  return g[key];
}
