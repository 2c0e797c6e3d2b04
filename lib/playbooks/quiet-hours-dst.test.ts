import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { isQuiet, quietHoursDecision, type QuietHours } from "./quiet-hours";
import { zoneTransitions } from "./zoned-time";

/** Zones with DST (some unusual: 30-minute DST, negative DST, transitions at midnight, odd offsets). */
const ZONES = [
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
  "America/St_Johns",
  "America/Santiago",
  "America/Havana",
  "America/Nuuk",
  "Atlantic/Azores",
  "Europe/London",
  "Europe/Dublin",
  "Europe/Paris",
  "Europe/Helsinki",
  "Africa/Cairo",
  "Asia/Beirut",
  "Asia/Jerusalem",
  "Australia/Sydney",
  "Australia/Adelaide",
  "Australia/Lord_Howe",
  "Pacific/Auckland",
  "Pacific/Chatham",
  "Antarctica/Troll",
];

const MINUTE = 60_000;
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/**
 * The oracle: "is this instant quiet?" computed independently, from the zone's offset (constant
 * between transitions) with plain arithmetic, so a nine-day minute-by-minute scan stays cheap.
 */
function oracle(q: QuietHours, from: Date) {
  const offsets: { at: number; offsetMs: number }[] = [];
  const offsetAt = (t: number) =>
    Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(q.zone).offsetNanoseconds / 1e6;
  offsets.push({ at: -Infinity, offsetMs: offsetAt(+from) });
  for (const t of zoneTransitions(q.zone, from, new Date(+from + 10 * 86_400_000)))
    offsets.push({ at: +t, offsetMs: offsetAt(+t) });
  const s = q.start ? Number(q.start.slice(0, 2)) * 60 + Number(q.start.slice(3)) : null;
  const e = q.end ? Number(q.end.slice(0, 2)) * 60 + Number(q.end.slice(3)) : null;
  return (t: number) => {
    let offsetMs = offsets[0]!.offsetMs;
    for (const o of offsets) if (o.at <= t) offsetMs = o.offsetMs;
    const local = t + offsetMs;
    const minuteOfDay = Math.floor(local / MINUTE) % 1440;
    const weekday = (Math.floor(local / 86_400_000) + 4) % 7; // 1970-01-01 was a Thursday
    if (q.noWeekend && (weekday === 0 || weekday === 6)) return true;
    if (s === null || e === null || s === e) return false;
    return s < e ? minuteOfDay >= s && minuteOfDay < e : minuteOfDay >= s || minuteOfDay < e;
  };
}

/** The first whole minute after `now` that is not quiet, by scanning minute by minute. */
function scan(q: QuietHours, now: Date): Date | null {
  const quiet = oracle(q, now);
  if (!quiet(+now)) return now;
  for (let t = Math.floor(+now / MINUTE) * MINUTE + MINUTE; t < +now + 9 * 86_400_000; t += MINUTE)
    if (!quiet(t)) return new Date(t);
  return null;
}

function expectAgreement(q: QuietHours, now: Date) {
  const decision = quietHoursDecision(q, now);
  const expected = scan(q, now);
  if (expected === null || expected === now) {
    expect(decision.kind, `${q.zone} ${q.start}–${q.end} at ${now.toISOString()}`).toBe("now");
    return;
  }
  expect(
    decision.kind === "defer" && decision.until.toISOString(),
    `${q.zone} ${q.start}–${q.end} at ${now.toISOString()}`,
  ).toBe(expected.toISOString());
  // The oracle agrees with the product's own "is this instant quiet?".
  expect(isQuiet(q, expected)).toBe(false);
  expect(isQuiet(q, new Date(+expected - MINUTE))).toBe(true);
}

describe("quiet hours across DST transitions", () => {
  it("New York, 01:30–07:00 on the fall-back night: a send at 05:45Z goes at 06:00Z (01:00 EST)", () => {
    const q: QuietHours = { zone: "America/New_York", start: "01:30", end: "07:00", noWeekend: false };
    const d = quietHoursDecision(q, new Date("2026-11-01T05:45:00Z"));
    expect(d.kind === "defer" && d.until.toISOString()).toBe("2026-11-01T06:00:00.000Z");
    expectAgreement(q, new Date("2026-11-01T05:45:00Z"));
  });

  it("Cairo, 23:01–00:15 on 2027-10-28: midnight falls back to 23:00, a minute outside the window", () => {
    const q: QuietHours = { zone: "Africa/Cairo", start: "23:01", end: "00:15", noWeekend: false };
    const d = quietHoursDecision(q, new Date("2027-10-28T20:30:00Z")); // 23:30 EEST
    expect(d.kind === "defer" && d.until.toISOString()).toBe("2027-10-28T21:00:00.000Z"); // 23:00 EET
    const after = quietHoursDecision(q, new Date("2027-10-28T21:01:00Z")); // 23:01 EET, quiet again
    expect(after.kind === "defer" && after.until.toISOString()).toBe("2027-10-28T22:15:00.000Z");
  });

  it.each(ZONES)("agrees with a minute-by-minute scan around every transition of 2026–2027 in %s", (zone) => {
    const transitions = zoneTransitions(zone, new Date("2026-01-01T00:00:00Z"), new Date("2027-12-31T00:00:00Z"));
    expect(transitions.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(
        fc.constantFrom(...transitions),
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 1, max: 1439 }),
        fc.integer({ min: -12 * 60, max: 12 * 60 }),
        fc.integer({ min: 0, max: 59 }),
        fc.boolean(),
        (transition, start, length, minutesFromTransition, seconds, noWeekend) => {
          const q: QuietHours = { zone, start: hhmm(start), end: hhmm((start + length) % 1440), noWeekend };
          const now = new Date(+transition + minutesFromTransition * MINUTE + seconds * 1000);
          expectAgreement(q, now);
        },
      ),
      { numRuns: 40, seed: 13 },
    );
  });
});
