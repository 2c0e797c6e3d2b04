import { describe, expect, it } from "vitest";
import { addDays, isIsoDate, localDate, startOfLocalDay } from "./zoned-dates";

describe("zoned dates", () => {
  it("reads the local calendar date of an instant", () => {
    const at = new Date("2026-03-01T03:30:00Z");
    expect(localDate(at, "UTC")).toBe("2026-03-01");
    expect(localDate(at, "America/New_York")).toBe("2026-02-28");
    expect(localDate(at, "Asia/Tokyo")).toBe("2026-03-01");
  });

  it("finds local midnight, across DST changes", () => {
    expect(startOfLocalDay("2026-01-15", "America/New_York").toISOString()).toBe("2026-01-15T05:00:00.000Z");
    expect(startOfLocalDay("2026-07-15", "America/New_York").toISOString()).toBe("2026-07-15T04:00:00.000Z");
    // The day DST starts in New York and the day after.
    expect(startOfLocalDay("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(startOfLocalDay("2026-03-09", "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(startOfLocalDay("2026-06-01", "Asia/Kolkata").toISOString()).toBe("2026-05-31T18:30:00.000Z");
    // Santiago skips from 00:00 to 01:00 when its DST begins (2026-09-06).
    const santiago = startOfLocalDay("2026-09-06", "America/Santiago");
    expect(localDate(santiago, "America/Santiago")).toBe("2026-09-06");
    expect(localDate(new Date(santiago.getTime() - 1), "America/Santiago")).toBe("2026-09-05");
  });

  it("adds days and validates dates", () => {
    expect(addDays("2026-02-27", 2)).toBe("2026-03-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2026-1-1")).toBe(false);
  });
});
