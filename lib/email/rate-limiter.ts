/**
 * At most `limit` request starts in any sliding window of one second (plus a small margin for
 * network jitter), shared by every sender in the process: single sends and bulk batches.
 */
export class RateLimiter {
  private starts: number[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly limit: number,
    private readonly windowMs = 1000,
    private readonly marginMs = 15,
  ) {}

  acquire(): Promise<void> {
    const turn = this.chain.then(() => this.waitForSlot());
    this.chain = turn.catch(() => {});
    return turn;
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = Date.now();
      const horizon = now - this.windowMs - this.marginMs;
      while (this.starts.length && this.starts[0]! <= horizon) this.starts.shift();
      if (this.starts.length < this.limit) {
        this.starts.push(now);
        return;
      }
      await sleep(this.starts[0]! - horizon + 1);
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
