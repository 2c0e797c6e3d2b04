import { describe, expect, it } from "vitest";
import { classifyEngagement, type EngagementFacts } from "./machine-engagement";

const delivered = new Date("2026-12-01T10:00:00Z");
const facts = (over: Partial<EngagementFacts>): EngagementFacts => ({
  kind: "opened",
  userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)",
  ip: "203.0.113.7",
  deliveredAt: delivered,
  at: new Date("2026-12-01T11:00:00Z"),
  earlierHumanActivity: false,
  otherLinksClickedJustBefore: 0,
  ...over,
});

describe("classifyEngagement", () => {
  it("counts a person's open an hour after delivery as human", () => {
    expect(classifyEngagement(facts({}))).toEqual({ machine: false, reason: null });
  });

  it("flags Apple's privacy proxy by its bare agent from Apple's network", () => {
    expect(classifyEngagement(facts({ userAgent: "Mozilla/5.0", ip: "17.58.101.4" }))).toEqual({
      machine: true,
      reason: "apple_privacy_proxy",
    });
    // A bare agent from elsewhere is not Apple's proxy (and an hour later is not too soon either).
    expect(classifyEngagement(facts({ userAgent: "Mozilla/5.0", ip: "198.51.100.2" })).machine).toBe(false);
  });

  it("flags security gateways and scripts by their agent, for opens and clicks", () => {
    for (const agent of ["Barracuda Sentinel (EE)", "Mimecast URL Protect", "python-requests/2.31", "curl/8.4.0"])
      expect(classifyEngagement(facts({ kind: "clicked", userAgent: agent })).reason).toBe("known_scanner");
  });

  it("flags a scanner clicking every link at once", () => {
    expect(classifyEngagement(facts({ kind: "clicked", otherLinksClickedJustBefore: 3 })).reason).toBe(
      "all_links_at_once",
    );
  });

  it("flags an open within seconds of delivery with nothing before it, but not after a human click", () => {
    const soon = new Date(delivered.getTime() + 3_000);
    expect(classifyEngagement(facts({ at: soon })).reason).toBe("too_soon_after_delivery");
    expect(classifyEngagement(facts({ at: soon, earlierHumanActivity: true })).machine).toBe(false);
    expect(classifyEngagement(facts({ at: soon, deliveredAt: null })).machine).toBe(false);
  });
});
