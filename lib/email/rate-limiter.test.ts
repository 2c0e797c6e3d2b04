import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limiter";

describe("RateLimiter", () => {
  it("never lets more than `limit` requests overlap one window, from start to answer", async () => {
    const limiter = new RateLimiter(3, 100, 0);
    const log: { start: number; end: number }[] = [];
    await Promise.all(
      Array.from({ length: 9 }, () =>
        limiter.run(async () => {
          const start = Date.now();
          await new Promise((r) => setTimeout(r, 5));
          log.push({ start, end: Date.now() });
        }),
      ),
    );
    // The provider may see a request anywhere between its start and its answer.
    for (const a of log) {
      const inWindow = log.filter((b) => b.start >= a.start && b.start < a.end + 100);
      expect(inWindow.length).toBeLessThanOrEqual(3);
    }
  });
});
