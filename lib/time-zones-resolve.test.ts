import { describe, expect, it } from "vitest";
import { resolveCustomerZone } from "./time-zones";
import { effectiveQuietHours, quietHoursDecision } from "./playbooks/quiet-hours";

describe("resolveCustomerZone", () => {
  it("uses the customer's own zone when it is a valid IANA name", () => {
    expect(resolveCustomerZone("America/New_York", "Europe/Paris")).toEqual({
      zone: "America/New_York",
      source: "customer",
      reason: "America/New_York is the customer's own time zone.",
    });
  });

  it("says so when the customer has none", () => {
    expect(resolveCustomerZone(null, "Europe/Paris")).toEqual({
      zone: "Europe/Paris",
      source: "organisation",
      reason: "Europe/Paris is used because the customer has no time zone of their own, so the organisation's applies.",
    });
  });

  it("names an invalid stored zone and the zone used instead", () => {
    const r = resolveCustomerZone("Mars/Base", "Europe/Paris");
    expect(r).toMatchObject({ zone: "Europe/Paris", source: "organisation" });
    expect(r.reason).toBe(
      "Europe/Paris is used because the customer's stored time zone \"Mars/Base\" is not a valid IANA name, so the organisation's applies.",
    );
    expect(r.fallbackNote).toBe(r.reason);
    expect(resolveCustomerZone("EST5EDT-ish", "Nowhere/Land")).toMatchObject({ zone: "UTC", source: "utc" });
  });

  it("a deferral for such a customer says which zone was used and why", () => {
    const org = {
      timeZone: "Europe/Paris",
      quietHoursStart: "21:00",
      quietHoursEnd: "08:00",
      quietHoursNoWeekend: false,
    };
    const contact = { timeZone: "Mars/Base", quietHoursStart: null, quietHoursEnd: null };
    const d = quietHoursDecision(effectiveQuietHours(org, contact), new Date("2026-03-10T22:30:00Z"));
    expect(d.kind === "defer" && d.reason).toBe(
      "quiet hours (Europe/Paris is used because the customer's stored time zone \"Mars/Base\" is not a valid IANA name, so the organisation's applies)",
    );
    const valid = quietHoursDecision(
      effectiveQuietHours(org, { ...contact, timeZone: "Europe/Paris" }),
      new Date("2026-03-10T22:30:00Z"),
    );
    expect(valid.kind === "defer" && valid.reason).toBe("quiet hours");
  });
});
