import { describe, expect, it } from "vitest";
import { createFormatter } from "./formatter";

const ny = createFormatter({ locale: "en-US", timeZone: "America/New_York", currency: "USD" });
const berlin = createFormatter({ locale: "de-DE", timeZone: "Europe/Berlin", currency: "EUR" });
const at = "2026-12-02T15:55:28Z";

describe("createFormatter", () => {
  it("writes a calendar day as that day, whatever the zone", () => {
    expect(ny.day("2026-11-01")).toBe("Nov 1, 2026");
    expect(berlin.day("2026-11-01")).toBe("01.11.2026");
  });

  it("writes dates the way the organisation reads them, in its zone", () => {
    expect(ny.date(at)).toBe("Dec 2, 2026");
    expect(berlin.date(at)).toBe("02.12.2026");
    expect(ny.dateTime(at)).toBe("Dec 2, 2026, 10:55 AM");
    expect(berlin.time(at)).toBe("16:55");
    expect(berlin.dateTime("2026-12-03T07:53:00Z")).toBe("3. Dez. 2026, 08:53");
    expect(ny.dateTime("2026-12-03T13:53:00Z")).toBe("Dec 3, 2026, 8:53 AM");
  });

  it("names the zone only when the viewer is elsewhere", () => {
    const seenFromBerlin = createFormatter(ny.settings, { viewerTimeZone: "Europe/Berlin" });
    const seenFromNy = createFormatter(ny.settings, { viewerTimeZone: "America/New_York" });
    expect(seenFromBerlin.dateTime(at)).toBe("Dec 2, 2026, 10:55 AM EST");
    expect(seenFromNy.dateTime(at)).toBe("Dec 2, 2026, 10:55 AM");
  });

  it("puts a late-evening instant on the organisation's own day", () => {
    expect(ny.dayKey("2026-12-03T03:00:00Z")).toBe("2026-12-02");
    expect(berlin.dayKey("2026-12-02T23:30:00Z")).toBe("2026-12-03");
  });

  it("says relative times and durations in words", () => {
    const now = Date.parse(at);
    expect(ny.relative(now - 3 * 86_400_000, now)).toBe("3 days ago");
    expect(ny.relative(now + 2 * 3_600_000, now)).toBe("in 2 hours");
    expect(ny.duration(2 * 86_400_000 + 3 * 3_600_000 + 59_000)).toBe("2 days 3 hours");
    expect(ny.duration(45 * 60_000)).toBe("45 minutes");
    expect(ny.duration(0)).toBe("0 seconds");
  });

  it("turns minor units into the currency's major units", () => {
    expect(ny.money(125_000)).toBe("$1,250");
    expect(ny.money(125_050, { cents: true })).toBe("$1,250.50");
    expect(berlin.money(125_000)).toBe("1.250\u00a0€");
    expect(ny.money(1_250, { currency: "JPY" })).toBe("¥1,250");
  });

  it("falls back to UTC and en-US for values it cannot use, instead of throwing", () => {
    const odd = createFormatter({ locale: "xx_invalid", timeZone: "Mars/Base", currency: "USD" });
    expect(odd.settings.timeZone).toBe("UTC");
    expect(odd.date(at)).toBe("Dec 2, 2026");
  });
});
