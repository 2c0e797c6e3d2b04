import { describe, expect, it } from "vitest";
import { computeScore, decayFactor, ruleMatches, type FitRule, type ScoreInput } from "./scoring";

const now = new Date("2026-11-21T12:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const lead = (over: Partial<ScoreInput["lead"]> = {}): ScoreInput["lead"] => ({
  companySize: 60,
  industry: "Retail",
  jobTitle: "Store Owner",
  source: "referral",
  manualAdjustment: 0,
  manualReason: null,
  ...over,
});
const rules: FitRule[] = [
  { field: "companySize", op: "atLeast", value: "50", points: 40 },
  { field: "industry", op: "equals", value: "retail", points: 20 },
  { field: "jobTitle", op: "contains", value: "owner", points: 25 },
  { field: "source", op: "equals", value: "ads", points: 30 },
];

describe("fit rules", () => {
  it("match by operator, case-insensitively, and ignore empty fields", () => {
    expect(ruleMatches(rules[0]!, lead())).toBe(true);
    expect(ruleMatches(rules[0]!, lead({ companySize: 49 }))).toBe(false);
    expect(ruleMatches(rules[1]!, lead())).toBe(true);
    expect(ruleMatches(rules[2]!, lead({ jobTitle: null }))).toBe(false);
    expect(ruleMatches({ field: "companySize", op: "atMost", value: "10", points: 5 }, lead({ companySize: 10 }))).toBe(
      true,
    );
  });
});

describe("computeScore", () => {
  it("weights fit and engagement and lists every factor", () => {
    const result = computeScore({
      lead: lead(),
      rules,
      weights: { fit: 50, engagement: 50 },
      engagement: [{ type: "interaction.logged", occurredAt: now }],
      now,
    });
    // fit = 40 + 20 + 25 = 85; engagement = 10; (85 + 10) / 2 = 47.5 → 48
    expect(result.fit).toBe(85);
    expect(result.engagement).toBe(10);
    expect(result.score).toBe(48);
    expect(result.factors.map((f) => f.points)).toEqual([20, 10, 12.5, 5]);
    expect(result.factors.reduce((s, f) => s + f.points, 0)).toBeCloseTo(47.5);
  });

  it("changes with the weights", () => {
    const fitOnly = computeScore({ lead: lead(), rules, weights: { fit: 100, engagement: 0 }, engagement: [], now });
    const engOnly = computeScore({ lead: lead(), rules, weights: { fit: 0, engagement: 100 }, engagement: [], now });
    expect(fitOnly.score).toBe(85);
    expect(engOnly.score).toBe(0);
  });

  it("decays engagement by recency: half the points after one half-life", () => {
    expect(decayFactor(daysAgo(14), now)).toBeCloseTo(0.5);
    const fresh = computeScore({
      lead: lead(),
      rules: [],
      weights: { fit: 0, engagement: 100 },
      engagement: [{ type: "email.clicked", occurredAt: now }],
      now,
    });
    const old = computeScore({
      lead: lead(),
      rules: [],
      weights: { fit: 0, engagement: 100 },
      engagement: [{ type: "email.clicked", occurredAt: daysAgo(28) }],
      now,
    });
    expect(fresh.engagement).toBe(8);
    expect(old.engagement).toBe(2);
  });

  it("ignores timeline entries that are not engagement", () => {
    const r = computeScore({
      lead: lead(),
      rules: [],
      weights: { fit: 0, engagement: 1 },
      engagement: [{ type: "lead.stage_changed", occurredAt: now }],
      now,
    });
    expect(r.score).toBe(0);
    expect(r.factors).toEqual([]);
  });

  it("adds the manual adjustment with its reason and clamps to 0–100", () => {
    const up = computeScore({
      lead: lead({ manualAdjustment: 30, manualReason: "Met at the fair" }),
      rules,
      weights: { fit: 1, engagement: 0 },
      engagement: [],
      now,
    });
    expect(up.score).toBe(100);
    expect(up.factors.at(-1)).toEqual({ kind: "manual", label: "Manual adjustment: Met at the fair", points: 30 });
    const down = computeScore({
      lead: lead({ manualAdjustment: -100, manualReason: "Competitor" }),
      rules,
      weights: { fit: 1, engagement: 0 },
      engagement: [],
      now,
    });
    expect(down.score).toBe(0);
  });

  it("caps fit at 100 and scales the factors to match", () => {
    const many: FitRule[] = [0, 1, 2].map(() => ({ field: "industry", op: "equals", value: "retail", points: 60 }));
    const r = computeScore({ lead: lead(), rules: many, weights: { fit: 1, engagement: 0 }, engagement: [], now });
    expect(r.fit).toBe(100);
    expect(r.factors.reduce((s, f) => s + f.points, 0)).toBeCloseTo(100, 0);
  });
});
