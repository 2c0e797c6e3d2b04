import { describe, expect, it } from "vitest";
import { campaignSchema, scheduleSchema } from "./campaign.schema";

describe("schedule input", () => {
  it("takes the form's empty fields for the modes that do not use them, and names the missing ones", () => {
    expect(scheduleSchema.safeParse({ mode: "now", at: "", localDate: "", localTime: "09:00" }).success).toBe(true);
    const local = scheduleSchema.safeParse({ mode: "local_time", at: "", localDate: "", localTime: "" });
    expect(local.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["localDate", "Choose a date"],
      ["localTime", "Write the time as HH:MM"],
    ]);
    const at = scheduleSchema.safeParse({ mode: "at", at: "" });
    expect(at.error?.issues.map((i) => i.path.join("."))).toEqual(["at"]);
  });
});

describe("A/B test input", () => {
  const base = {
    name: "Spring",
    category: "promotions",
    segmentIds: ["6f1c1d5e-8a5b-4c1e-9f3a-2b7d4e6a8c90"],
    subject: "Hello",
    body: "Hi there",
    abEnabled: true,
  };
  const problems = (input: Record<string, unknown>) =>
    campaignSchema.safeParse({ ...base, ...input }).error?.issues.map((i) => [i.path.join("."), i.message]);

  it("names the field: a variant that changes nothing, a fallback that is not a variant, a share out of range", () => {
    expect(problems({ variants: [] })).toEqual([["variants", "Add at least variant B to test against A"]]);
    expect(problems({ variants: [{ subject: "" }] })).toEqual([
      ["variants.0.subject", "Variant B is the same as A: change its subject, preheader or message"],
    ]);
    expect(problems({ variants: [{ subject: "Other" }], abFallbackVariant: "C" })).toEqual([
      ["abFallbackVariant", "Choose one of the variants"],
    ]);
    expect(problems({ variants: [{ subject: "Other" }], abTestPercent: 95 })).toEqual([
      ["abTestPercent", "5 to 90 percent"],
    ]);
    expect(problems({ variants: [{ subject: "Other" }, { body: "Shorter" }], abFallbackVariant: "C" })).toBeUndefined();
  });

  it("ignores the variants while the test is off", () => {
    expect(problems({ abEnabled: false, variants: [{}] })).toBeUndefined();
  });
});
