import { describe, expect, it } from "vitest";
import { nextCronTime } from "./cron";
import { parseDuration } from "./duration";
import { evalExpression, matches, parseExpression } from "./expression";

describe("expressions", () => {
  const event = { data: { id: "a", amount: 20, vip: true, tags: null } };
  it("evaluates the CEL subset configs use", () => {
    expect(matches("event.data.amount > 10 && event.data.vip", { event })).toBe(true);
    expect(matches("event.data.amount >= 21 || !event.data.vip", { event })).toBe(false);
    expect(matches("async.data.id == event.data.id", { event, async: { data: { id: "a" } } })).toBe(true);
    expect(matches("async.data.id == event.data.id", { event, async: { data: { id: "b" } } })).toBe(false);
    expect(matches("event.data.tags == null", { event })).toBe(true);
    expect(matches("(event.data.id == 'a') && event.data.amount != 3", { event })).toBe(true);
    expect(evalExpression("event.data.missing.deeper", { event })).toBeUndefined();
  });
  it("rejects what it does not support with a clear message", () => {
    expect(() => parseExpression("size(event.data.items) > 1")).toThrow(/unsupported|unexpected/);
    expect(() => parseExpression("user.id == 1")).toThrow(/only event\.\* and async\.\*/);
    expect(() => parseExpression("event.data.x == 'open")).toThrow(/unterminated string/);
  });
});

describe("durations and cron", () => {
  it("parses Inngest durations", () => {
    expect(parseDuration("1m30s")).toBe(90_000);
    expect(parseDuration("1w")).toBe(604_800_000);
    expect(parseDuration("soon")).toBeNull();
  });
  it("computes the next cron fire in the given time zone, across DST", () => {
    expect(nextCronTime("TZ=America/New_York 0 9 * * *", new Date("2026-03-06T20:00:00Z")).toISOString()).toBe(
      "2026-03-07T14:00:00.000Z",
    );
    expect(nextCronTime("TZ=America/New_York 0 9 * * *", new Date("2026-03-07T20:00:00Z")).toISOString()).toBe(
      "2026-03-08T13:00:00.000Z",
    );
    expect(nextCronTime("*/15 * * * *", new Date("2026-01-01T00:07:00Z")).toISOString()).toBe(
      "2026-01-01T00:15:00.000Z",
    );
    expect(nextCronTime("0 8 * * 1", new Date("2026-01-01T00:00:00Z")).toISOString()).toBe("2026-01-05T08:00:00.000Z");
  });
  it("a daily time inside a DST gap still fires that day, and a repeated hour fires once", () => {
    // 02:30 does not exist in New York on 2026-03-08: the job runs at 03:00 EDT, not a day later.
    expect(nextCronTime("TZ=America/New_York 30 2 * * *", new Date("2026-03-08T05:00:00Z")).toISOString()).toBe(
      "2026-03-08T07:00:00.000Z",
    );
    // 01:30 happens twice on 2026-11-01 (EDT, then EST): once is enough.
    expect(nextCronTime("TZ=America/New_York 30 1 * * *", new Date("2026-11-01T05:30:00Z")).toISOString()).toBe(
      "2026-11-02T06:30:00.000Z",
    );
  });
  it("refuses malformed crons with a message naming the problem", () => {
    expect(() => nextCronTime("* * * *", new Date())).toThrow("must have 5 fields");
    expect(() => nextCronTime("61 * * * *", new Date())).toThrow("minute");
    expect(() => nextCronTime("TZ=Mars/Base * * * * *", new Date())).toThrow('unknown time zone "Mars/Base"');
  });
});
