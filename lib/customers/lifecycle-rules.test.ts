import { describe, expect, it } from "vitest";
import { DEFAULT_LIFECYCLE_RULES as R, engagementScore, nextLifecycleStage } from "./lifecycle-rules";

const now = new Date("2026-11-21T12:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

describe("lifecycle rules", () => {
  it("first visit → active, spend over the threshold → VIP, 90 days → at risk, 180 → churned", () => {
    expect(
      nextLifecycleStage({ stage: "lead", totalVisits: 1, totalSpentMinor: 0, lastVisitAt: daysAgo(0) }, R, now),
    ).toEqual({ to: "active", reason: "First visit" });
    expect(
      nextLifecycleStage(
        { stage: "active", totalVisits: 3, totalSpentMinor: R.vipThresholdMinor, lastVisitAt: daysAgo(1) },
        R,
        now,
      )?.to,
    ).toBe("vip");
    expect(
      nextLifecycleStage({ stage: "vip", totalVisits: 3, totalSpentMinor: 0, lastVisitAt: daysAgo(90) }, R, now)?.to,
    ).toBe("at_risk");
    expect(
      nextLifecycleStage({ stage: "at_risk", totalVisits: 3, totalSpentMinor: 0, lastVisitAt: daysAgo(180) }, R, now)
        ?.to,
    ).toBe("churned");
    expect(
      nextLifecycleStage({ stage: "churned", totalVisits: 3, totalSpentMinor: 0, lastVisitAt: daysAgo(400) }, R, now),
    ).toBeNull();
    expect(
      nextLifecycleStage({ stage: "lead", totalVisits: 0, totalSpentMinor: 0, lastVisitAt: null }, R, now),
    ).toBeNull();
    expect(
      nextLifecycleStage(
        { stage: "lead", totalVisits: 1, totalSpentMinor: 0, lastVisitAt: daysAgo(1) },
        { ...R, atRiskDays: 1 },
        now,
      )?.to,
    ).toBe("at_risk");
  });
  it("explains the engagement score", () => {
    const s = engagementScore({ totalVisits: 12, totalSpentMinor: 150_000, lastVisitAt: daysAgo(3) }, now);
    expect(s).toEqual({
      score: 5 + 4 + 4,
      max: 15,
      reasons: ["Recency 5/5: last visit 3 days ago", "Frequency 4/5: 12 visits", "Monetary 4/5: 1500.00 spent"],
    });
  });
});
