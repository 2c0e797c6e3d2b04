import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { frequencyCapDecision, isQuiet, quietHoursDecision, type QuietHours } from "./quiet-hours";
import { localParts, zonedInstant } from "./zoned-time";

const q = (zone: string, start: string | null, end: string | null, noWeekend = false): QuietHours => ({
  zone,
  start,
  end,
  noWeekend,
});

describe("quiet hours", () => {
  it("a send at 23:30 Paris in a 21:00–08:00 window waits until 08:00 Paris the next morning", () => {
    const now = new Date("2026-03-10T22:30:00Z"); // 23:30 CET
    const d = quietHoursDecision(q("Europe/Paris", "21:00", "08:00"), now);
    expect(d).toMatchObject({ kind: "defer", label: "Wed 2026-03-11 08:00 Europe/Paris", reason: "quiet hours" });
    expect(d.kind === "defer" && d.until.toISOString()).toBe("2026-03-11T07:00:00.000Z");
  });

  it("after midnight in the same window opens the same local day", () => {
    const d = quietHoursDecision(q("America/New_York", "21:00", "08:00"), new Date("2026-06-02T06:00:00Z")); // 02:00 EDT
    expect(d.kind === "defer" && [d.until.toISOString(), d.label]).toEqual([
      "2026-06-02T12:00:00.000Z",
      "08:00 America/New_York",
    ]);
  });

  it("outside the window sends now; no window never defers", () => {
    expect(quietHoursDecision(q("Europe/Paris", "21:00", "08:00"), new Date("2026-03-10T12:00:00Z")).kind).toBe("now");
    expect(quietHoursDecision(q("Europe/Paris", null, null), new Date("2026-03-10T02:00:00Z")).kind).toBe("now");
  });

  it("a daytime window (12:00–14:00) that does not cross midnight", () => {
    const d = quietHoursDecision(q("Asia/Tokyo", "12:00", "14:00"), new Date("2026-01-05T03:30:00Z")); // 12:30 JST
    expect(d.kind === "defer" && d.until.toISOString()).toBe("2026-01-05T05:00:00.000Z");
  });

  it("spring-forward night in Paris (29 March 2026): 08:00 is 06:00 UTC, not 07:00", () => {
    const d = quietHoursDecision(q("Europe/Paris", "21:00", "08:00"), new Date("2026-03-28T22:30:00Z")); // 23:30 CET
    expect(d.kind === "defer" && [d.until.toISOString(), d.label]).toEqual([
      "2026-03-29T06:00:00.000Z",
      "Sun 2026-03-29 08:00 Europe/Paris",
    ]);
  });

  it("fall-back night in New York (1 November 2026): 08:00 is 13:00 UTC", () => {
    const d = quietHoursDecision(q("America/New_York", "22:00", "08:00"), new Date("2026-11-01T03:30:00Z")); // 23:30 EDT
    expect(d.kind === "defer" && d.until.toISOString()).toBe("2026-11-01T13:00:00.000Z");
  });

  it("a window ending inside the DST gap opens when the clocks jump", () => {
    // Europe/Paris jumps 02:00 → 03:00 on 2026-03-29; a window ending at 02:30 opens at 03:00 CEST = 01:00 UTC.
    const d = quietHoursDecision(q("Europe/Paris", "22:00", "02:30"), new Date("2026-03-28T23:00:00Z"));
    expect(d.kind === "defer" && d.until.toISOString()).toBe("2026-03-29T01:00:00.000Z");
  });

  it("no sends at weekends: Saturday afternoon waits until Monday, then the window's end", () => {
    const d = quietHoursDecision(q("Europe/London", "21:00", "08:00", true), new Date("2026-05-09T14:00:00Z")); // Sat
    expect(d).toMatchObject({
      kind: "defer",
      reason: "no sends at weekends",
      label: "Mon 2026-05-11 08:00 Europe/London",
    });
  });

  it("zonedInstant picks the first of a repeated hour", () => {
    expect(zonedInstant("America/New_York", 2026, 11, 1, 1, 30).toISOString()).toBe("2026-11-01T05:30:00.000Z");
  });
});

const ZONES = [
  "UTC",
  "Europe/Paris",
  "America/New_York",
  "Australia/Sydney",
  "Asia/Kolkata",
  "Pacific/Chatham",
  "America/Santiago",
  "Asia/Tehran",
  "Pacific/Kiritimati",
  "America/St_Johns",
];
const hhmm = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
const instant = fc
  .integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) })
  .map((ms) => new Date(Math.floor(ms / 60_000) * 60_000));
const config = fc.record({ zone: fc.constantFrom(...ZONES), start: hhmm, end: hhmm, noWeekend: fc.boolean() });

describe("quiet hours, property-based across zones", () => {
  it("'now' only outside quiet hours; a deferral lands on the first minute outside them", () => {
    fc.assert(
      fc.property(config, instant, (c, now) => {
        const d = quietHoursDecision(c, now);
        if (d.kind === "now") return !isQuiet(c, now);
        if (!(d.until > now) || isQuiet(c, d.until)) return false;
        // Every minute before the opening (sampled) is still quiet.
        const span = d.until.getTime() - now.getTime();
        for (let i = 0; i < 40; i++)
          if (!isQuiet(c, new Date(now.getTime() + Math.floor((span * i) / 40 / 60_000) * 60_000))) return false;
        return isQuiet(c, new Date(d.until.getTime() - 60_000));
      }),
      { numRuns: 400 },
    );
  }, 60_000);

  it("the label shows the opening's local time in the contact's zone", () => {
    fc.assert(
      fc.property(config, instant, (c, now) => {
        const d = quietHoursDecision(c, now);
        if (d.kind === "now") return true;
        const p = localParts(d.until, c.zone);
        return d.label.endsWith(`${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")} ${c.zone}`);
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});

describe("frequency cap", () => {
  const now = new Date("2026-04-10T12:00:00Z");
  const days = (n: number) => new Date(now.getTime() - n * 86_400_000);
  it("under the cap sends now; at the cap waits until the oldest counted send leaves the window", () => {
    expect(frequencyCapDecision([days(1), days(2)], now, { count: 3, days: 7 }).kind).toBe("now");
    const d = frequencyCapDecision([days(1), days(2), days(6), days(8)], now, { count: 3, days: 7 });
    expect(d.kind === "defer" && d.until.getTime() - days(6).getTime()).toBe(7 * 86_400_000 + 1_000);
  });
  it("no cap set never defers", () => {
    expect(frequencyCapDecision([days(0), days(0)], now, { count: null, days: 7 }).kind).toBe("now");
  });
});
