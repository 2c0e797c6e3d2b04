import { describe, expect, it } from "vitest";
import { dueAt, startAt, type Schedule } from "./schedule";

const local = (
  localDate: string,
  localTime: string,
  passedPolicy: Schedule["passedPolicy"] = "next_day",
): Schedule => ({
  scheduleMode: "local_time",
  scheduledAt: null,
  localDate,
  localTime,
  passedPolicy,
});

describe("campaign schedule", () => {
  it("local time is each zone's own wall time, half-hour zones included", () => {
    const s = local("2026-12-05", "09:00");
    const start = new Date("2026-12-04T00:00:00Z");
    expect(dueAt(s, "Asia/Kolkata", start).toISOString()).toBe("2026-12-05T03:30:00.000Z");
    expect(dueAt(s, "Europe/Berlin", start).toISOString()).toBe("2026-12-05T08:00:00.000Z");
    expect(dueAt(s, "America/New_York", start).toISOString()).toBe("2026-12-05T14:00:00.000Z");
    expect(dueAt(s, "Pacific/Auckland", start).toISOString()).toBe("2026-12-04T20:00:00.000Z");
  });

  it("a local time already passed goes the next local day, or at once when the owner chose that", () => {
    const start = new Date("2026-12-05T10:00:00Z"); // 11:00 in Berlin, 05:00 in New York
    expect(dueAt(local("2026-12-05", "09:00"), "Europe/Berlin", start).toISOString()).toBe("2026-12-06T08:00:00.000Z");
    expect(dueAt(local("2026-12-05", "09:00", "at_once"), "Europe/Berlin", start)).toEqual(start);
    expect(dueAt(local("2026-12-05", "09:00"), "America/New_York", start).toISOString()).toBe(
      "2026-12-05T14:00:00.000Z",
    );
  });

  it("inside a spring-forward gap the message goes when the clocks jump", () => {
    const s = local("2027-03-28", "02:30");
    expect(dueAt(s, "Europe/Berlin", new Date("2027-03-01T00:00:00Z")).toISOString()).toBe("2027-03-28T01:00:00.000Z");
  });

  it("sending starts when the first zone on Earth reaches the local time; otherwise now or the chosen instant", () => {
    const now = new Date("2026-12-01T00:00:00Z");
    expect(startAt(local("2026-12-05", "09:00"), now).toISOString()).toBe("2026-12-04T19:00:00.000Z");
    const at = new Date("2026-12-02T08:00:00Z");
    expect(startAt({ ...local("x", "y"), scheduleMode: "at", scheduledAt: at }, now)).toEqual(at);
    expect(startAt({ ...local("x", "y"), scheduleMode: "now" }, now)).toEqual(now);
  });
});
