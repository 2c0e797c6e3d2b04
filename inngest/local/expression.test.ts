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
});
