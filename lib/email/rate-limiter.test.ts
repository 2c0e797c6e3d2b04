import { describe, expect, it } from "vitest";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
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

describe("RateLimiter with real requests", () => {
  it("counts a request from when it left, not from its answer: a slow provider does not slow the pace", async () => {
    const arrivals: number[] = [];
    const server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        arrivals.push(Date.now());
        setTimeout(() => res.end("ok"), 400);
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const limiter = new RateLimiter(2, 200, 10);
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 6 }, () =>
        limiter.run(async () => (await fetch(url, { method: "POST", body: "x".repeat(10_000) })).text()),
      ),
    );
    server.close();
    arrivals.sort((a, b) => a - b);
    // Never more than 2 arrivals within any 200 ms…
    for (let i = 2; i < arrivals.length; i++) expect(arrivals[i]! - arrivals[i - 2]!).toBeGreaterThanOrEqual(200);
    // …and the third went before the first answer came back (400 ms): the pace is the window's, not the provider's.
    expect(arrivals[2]! - started).toBeLessThan(400);
  });
});
