import diagnostics from "node:diagnostics_channel";
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

describe("RateLimiter, granted early", () => {
  it("grants a slot up to earlyMs before the window has room, and ready() holds the request until it has", async () => {
    const limiter = new RateLimiter(2, 200, 0);
    const sent: number[] = [];
    const granted: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        const lease = await limiter.acquire({ earlyMs: 80 });
        granted.push(Date.now());
        try {
          await lease.ready();
          await lease.send(async () => sent.push(Date.now()));
        } finally {
          lease.release();
        }
      }),
    );
    // Never more than 2 requests within any 200 ms…
    for (let i = 2; i < sent.length; i++) expect(sent[i]! - sent[i - 2]!).toBeGreaterThanOrEqual(199);
    // …while the later slots were granted before their window had room (the caller's work overlaps it).
    const early = granted.slice(2).filter((g, i) => g < sent[i]! + 200 - 20);
    expect(early.length).toBeGreaterThan(0);
  });
});

describe("RateLimiter with real requests", () => {
  it("counts a request from when it left, not from its answer: a slow provider does not slow the pace", async () => {
    const arrivals: number[] = [];
    // When each request's body left the process, as the limiter itself sees it (the server's own
    // clock would add the receiving side's scheduling jitter).
    const departures: number[] = [];
    const onBodySent = () => departures.push(performance.now());
    diagnostics.subscribe("undici:request:bodySent", onBodySent);
    // The provider holds every answer until the third request has arrived (or 10 s pass): if the
    // limiter waited for answers before granting slots, the third would never come and the answers
    // would be released by the timeout instead.
    let releaseAnswers!: () => void;
    const thirdArrived = new Promise<void>((r) => (releaseAnswers = r));
    let releasedByArrival = false;
    const timeout = setTimeout(releaseAnswers, 10_000);
    const server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        arrivals.push(Date.now());
        if (arrivals.length === 3) {
          releasedByArrival = true;
          releaseAnswers();
        }
        void thirdArrived.then(() => res.end("ok"));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const limiter = new RateLimiter(2, 200, 10);
    await Promise.all(
      Array.from({ length: 6 }, () =>
        limiter.run(async () => (await fetch(url, { method: "POST", body: "x".repeat(10_000) })).text()),
      ),
    );
    clearTimeout(timeout);
    diagnostics.unsubscribe("undici:request:bodySent", onBodySent);
    server.close();
    expect(departures).toHaveLength(6);
    // Never more than 2 requests leave within any 200 ms…
    for (let i = 2; i < departures.length; i++) expect(departures[i]! - departures[i - 2]!).toBeGreaterThanOrEqual(199);
    // …and the third left while the first two answers were still held: the pace is the window's, not the provider's.
    expect(releasedByArrival).toBe(true);
  });
});
