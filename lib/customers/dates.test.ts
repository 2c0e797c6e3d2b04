import { describe, expect, it } from "vitest";
import { dueDateOf, endOfDayUtc, localDate } from "./dates";

describe("follow-up days", () => {
  it("decides today in the organisation's zone, on both sides of UTC midnight", () => {
    const lateUtc = new Date("2026-11-21T23:30:00Z");
    expect(localDate(lateUtc, "UTC")).toBe("2026-11-21");
    expect(localDate(lateUtc, "Pacific/Auckland")).toBe("2026-11-22");
    expect(localDate(lateUtc, "America/Los_Angeles")).toBe("2026-11-21");
    const earlyUtc = new Date("2026-11-21T03:00:00Z");
    expect(localDate(earlyUtc, "America/Los_Angeles")).toBe("2026-11-20");
    expect(localDate(earlyUtc, "Asia/Kolkata")).toBe("2026-11-21");
  });

  it("follows daylight saving changes", () => {
    // Europe/Paris leaves summer time on 2026-10-25: 22:30 UTC is 23:30 local, the same day.
    expect(localDate(new Date("2026-10-25T22:30:00Z"), "Europe/Paris")).toBe("2026-10-25");
    // In summer, 22:30 UTC is already the next day there.
    expect(localDate(new Date("2026-07-01T22:30:00Z"), "Europe/Paris")).toBe("2026-07-02");
  });

  it("round-trips a due date through its stored instant", () => {
    expect(dueDateOf(endOfDayUtc("2026-12-01"))).toBe("2026-12-01");
  });
});
