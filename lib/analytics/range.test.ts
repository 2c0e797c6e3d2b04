import { describe, expect, it } from "vitest";
import { bucketKeyOf, rangeSearch, resolveRange } from "./range";

const NY = "America/New_York";

describe("resolveRange", () => {
  it("ends a preset on today in the organisation's zone and starts at its local midnight", () => {
    // 03:00Z on 3 Dec is still 2 Dec in New York.
    const { range, issues } = resolveRange({ range: "7d" }, { timeZone: NY, now: new Date("2026-12-03T03:00:00Z") });
    expect(issues).toEqual([]);
    expect(range.fromDay).toBe("2026-11-26");
    expect(range.toDay).toBe("2026-12-02");
    expect(range.start.toISOString()).toBe("2026-11-26T05:00:00.000Z");
    expect(range.end.toISOString()).toBe("2026-12-03T05:00:00.000Z");
    expect(range.bucket).toBe("day");
    expect(range.bucketKeys).toHaveLength(7);
  });

  it("gives a day across a DST change its true length", () => {
    const { range } = resolveRange(
      { range: "custom", from: "2026-11-01", to: "2026-11-01" },
      { timeZone: NY, now: new Date("2026-12-01T12:00:00Z") },
    );
    expect((range.end.getTime() - range.start.getTime()) / 3_600_000).toBe(25);
  });

  it("draws a year by ISO week, each key a Monday", () => {
    const { range } = resolveRange({ range: "1y" }, { timeZone: NY, now: new Date("2026-12-02T12:00:00Z") });
    expect(range.bucket).toBe("week");
    for (const key of range.bucketKeys) expect(new Date(`${key}T12:00:00Z`).getUTCDay()).toBe(1);
    expect(range.bucketKeys.length).toBeGreaterThanOrEqual(52);
  });

  it("takes a custom range longer than any preset, without a cap", () => {
    const { range, issues } = resolveRange(
      { range: "custom", from: "2020-01-01", to: "2026-06-30" },
      { timeZone: "UTC", now: new Date("2026-12-02T12:00:00Z") },
    );
    expect(issues).toEqual([]);
    expect(range.start.toISOString()).toBe("2020-01-01T00:00:00.000Z");
    expect(range.bucket).toBe("week");
  });

  it("compares with the period of the same length just before", () => {
    const { range } = resolveRange(
      { range: "custom", from: "2026-03-01", to: "2026-03-10", compare: "1" },
      { timeZone: "UTC", now: new Date("2026-12-02T12:00:00Z") },
    );
    expect(range.previous).toMatchObject({ fromDay: "2026-02-19", toDay: "2026-02-28" });
  });

  it("names the field when a custom range cannot be read, and falls back to 30 days", () => {
    const bad = resolveRange(
      { range: "custom", from: "2026-02-30", to: "2026-01-01" },
      { timeZone: "UTC", now: new Date("2026-12-02T12:00:00Z") },
    );
    expect(bad.issues.map((i) => i.field)).toEqual(["from"]);
    expect(bad.range.preset).toBe("30d");
    const reversed = resolveRange(
      { range: "custom", from: "2026-03-02", to: "2026-03-01" },
      { timeZone: "UTC", now: new Date("2026-12-02T12:00:00Z") },
    );
    expect(reversed.issues).toEqual([{ field: "to", message: "The end date must be on or after the start date." }]);
    expect(resolveRange({ range: "2w" }, { timeZone: "UTC" }).issues[0]?.field).toBe("range");
  });

  it("round-trips through the URL", () => {
    const { range } = resolveRange({ range: "custom", from: "2026-01-01", to: "2026-12-31" }, { timeZone: "UTC" });
    expect(rangeSearch(range, true)).toBe("range=custom&from=2026-01-01&to=2026-12-31&compare=1");
    expect(bucketKeyOf("2026-12-06", "week")).toBe("2026-11-30");
  });
});
