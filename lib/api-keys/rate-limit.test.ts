import { describe, expect, it } from "vitest";
import { takeApiToken } from "./rate-limit";

describe("API key rate limit", () => {
  it("allows a burst, then refills at the steady rate", () => {
    const rate = { burst: 3, perSecond: 1 };
    const t0 = 1_000_000;
    expect([1, 2, 3].map(() => takeApiToken("k1", t0, rate))).toEqual([0, 0, 0]);
    expect(takeApiToken("k1", t0, rate)).toBe(1);
    expect(takeApiToken("k1", t0 + 1000, rate)).toBe(0);
    // Another key has its own bucket.
    expect(takeApiToken("k2", t0, rate)).toBe(0);
  });
});
