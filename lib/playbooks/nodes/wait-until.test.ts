import { describe, expect, it } from "vitest";
import { waitUntilInstant } from "./wait-until";

const contact = {
  birthday: "1990-07-14",
  createdAt: new Date("2026-01-01T00:00:00Z"),
  firstVisitAt: null,
  lastVisitAt: new Date("2026-05-01T15:00:00Z"),
};

describe("wait until", () => {
  it("the next chosen weekday at a local time, in the contact's zone", () => {
    // Wednesday 2026-06-10 12:00 UTC → next Monday 09:00 in Tokyo is 2026-06-15 00:00 UTC.
    expect(
      waitUntilInstant(
        { mode: "weekday_time", weekday: 1, time: "09:00" },
        "Asia/Tokyo",
        new Date("2026-06-10T12:00:00Z"),
        contact,
      )?.toISOString(),
    ).toBe("2026-06-15T00:00:00.000Z");
    // Any day: later today if still ahead, else tomorrow.
    expect(
      waitUntilInstant(
        { mode: "weekday_time", weekday: null, time: "18:00" },
        "Europe/Paris",
        new Date("2026-06-10T12:00:00Z"),
        contact,
      )?.toISOString(),
    ).toBe("2026-06-10T16:00:00.000Z");
  });

  it("a contact date ± days at a local time; a birthday recurs", () => {
    expect(
      waitUntilInstant(
        { mode: "contact_date", field: "lastVisitAt", offsetDays: 30, time: "10:00" },
        "UTC",
        new Date("2026-05-02T00:00:00Z"),
        contact,
      )?.toISOString(),
    ).toBe("2026-05-31T10:00:00.000Z");
    expect(
      waitUntilInstant(
        { mode: "contact_date", field: "birthday", offsetDays: -1, time: "09:00" },
        "America/New_York",
        new Date("2026-08-01T00:00:00Z"),
        contact,
      )?.toISOString(),
    ).toBe("2027-07-13T13:00:00.000Z");
    expect(
      waitUntilInstant(
        { mode: "contact_date", field: "firstVisitAt", offsetDays: 0, time: "09:00" },
        "UTC",
        new Date(),
        contact,
      ),
    ).toBeNull();
  });
});
