import { describe, expect, it } from "vitest";
import { betaBeatsExact, probabilityBest } from "./probability-best";
import { decideWinner, revenuePerRecipient, type VariantOutcome } from "./winner";

const v = (id: string, recipients: number, clicks: number, conversions = 0, revenue?: number[]): VariantOutcome => ({
  id,
  recipients,
  clicks,
  conversions,
  revenue,
});

// Reference values: SciPy 1.17, P(i best) = ∫ beta.pdf_i · Π beta.cdf_j by scipy.integrate.quad
// (epsabs 1e-13), and norm.cdf((m_B − m_A) / √(se_A² + se_B²)) for revenue.
describe("probability of being best", () => {
  it("matches the closed form a textbook case works by hand", () => {
    // A ~ Beta(1, 2) (0 of 1), B ~ Beta(2, 1) (1 of 1): P(B > A) = ∫ 2(1−x)(1−x²) dx = 2·(1 − 1/2 − 1/3 + 1/4) = 5/6.
    expect(betaBeatsExact({ kind: "beta", a: 1, b: 2 }, { kind: "beta", a: 2, b: 1 })).toBeCloseTo(5 / 6, 12);
    // Two equal posteriors: exactly a coin toss, by symmetry.
    expect(betaBeatsExact({ kind: "beta", a: 51, b: 951 }, { kind: "beta", a: 51, b: 951 })).toBeCloseTo(0.5, 10);
  });

  it("two rates by Evan Miller's formula, whichever side has more successes", () => {
    const [a, b] = probabilityBest([
      { kind: "beta", a: 101, b: 901 },
      { kind: "beta", a: 131, b: 871 },
    ]);
    expect(b).toBeCloseTo(0.982165066116351, 10);
    expect(a).toBeCloseTo(0.017834933883649498, 10);
    const large = probabilityBest([
      { kind: "beta", a: 2101, b: 96901 },
      { kind: "beta", a: 2001, b: 97001 },
    ]);
    expect(large[0]).toBeCloseTo(0.9427194868272765, 9);
  });

  it("three and four rates by numerical integration, summing to one", () => {
    const three = probabilityBest([
      { kind: "beta", a: 51, b: 951 },
      { kind: "beta", a: 61, b: 941 },
      { kind: "beta", a: 71, b: 931 },
    ]);
    [0.01779936368737217, 0.1778808039137686, 0.8043198323988594].forEach((p, i) => expect(three[i]).toBeCloseTo(p, 7));
    const four = probabilityBest([
      { kind: "beta", a: 21, b: 481 },
      { kind: "beta", a: 26, b: 476 },
      { kind: "beta", a: 31, b: 471 },
      { kind: "beta", a: 41, b: 461 },
    ]);
    [0.0020014818626482573, 0.019886995349697092, 0.1042107862354715, 0.8739007365521824].forEach((p, i) =>
      expect(four[i]).toBeCloseTo(p, 7),
    );
    expect(four.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 7);
  });

  it("stays accurate at 100,000 recipients per variant", () => {
    const four = probabilityBest([
      { kind: "beta", a: 5001, b: 95001 },
      { kind: "beta", a: 5101, b: 94901 },
      { kind: "beta", a: 5051, b: 94951 },
      { kind: "beta", a: 5301, b: 94701 },
    ]);
    [0.000863898971004221, 0.021308288003759956, 0.004909081942910273, 0.9729187310823305].forEach((p, i) =>
      expect(four[i]).toBeCloseTo(p, 8),
    );
    const two = probabilityBest([
      { kind: "beta", a: 50001, b: 950001 },
      { kind: "beta", a: 50301, b: 949701 },
    ]);
    expect(two[1]).toBeCloseTo(0.8344607686201884, 8);
  });

  it("normal posteriors: Φ for two, integration for three", () => {
    const two = probabilityBest([
      { kind: "normal", mean: 1, sd: 0.3 },
      { kind: "normal", mean: 1.5, sd: 0.4 },
    ]);
    expect(two[1]).toBeCloseTo(0.8413447460685429, 12); // z = 0.5 / 0.5 = 1
    const three = probabilityBest([
      { kind: "normal", mean: 1, sd: 0.3 },
      { kind: "normal", mean: 1.5, sd: 0.4 },
      { kind: "normal", mean: 1.2, sd: 0.2 },
    ]);
    [0.09363940913061661, 0.7020747648163297, 0.20428582605305415].forEach((p, i) =>
      expect(three[i]).toBeCloseTo(p, 7),
    );
  });
});

describe("decideWinner", () => {
  it("a clear click-rate winner of two is sent, with its probability in the reason", () => {
    const d = decideWinner([v("a", 1000, 100), v("b", 1000, 130)], { metric: "click_rate", fallbackId: "a" });
    expect(d).toMatchObject({ decided: true, winner: "b" });
    expect(d.probabilities!.b).toBeCloseTo(0.982165066116351, 10);
    expect(d.reason).toBe("Variant b has a 98.2% probability of the best click rate (at least 95.0% needed).");
  });

  it("judged on revenue, the variant with fewer clicks but bigger orders wins; on clicks nobody does", () => {
    // A: 40 orders of 25.00 over 2,000 recipients (mean 50, se 7.828); B: 40 of 60.00 (mean 120, se 18.788).
    const a = { ...v("a", 2000, 200, 40, Array(40).fill(2500)), label: "Short subject" };
    const b = { ...v("b", 2000, 180, 40, Array(40).fill(6000)), label: "Long subject" };
    const onRevenue = decideWinner([a, b], { metric: "revenue_per_recipient", fallbackId: "a" });
    expect(onRevenue).toMatchObject({ decided: true, winner: "b" });
    expect(onRevenue.probabilities!.b).toBeCloseTo(0.9997083298781065, 10);
    const onClicks = decideWinner([a, b], { metric: "click_rate", fallbackId: "b" });
    expect(onClicks).toEqual({
      decided: false,
      fallback: "b",
      probabilities: { a: expect.closeTo(0.8593087621622172, 9), b: expect.closeTo(0.1406912378377828, 9) },
      reason:
        "Variant Short subject leads on click rate with a 85.9% probability of being best, short of the 95.0% needed, so the fallback variant was sent.",
      finding:
        "Variant Short subject leads on click rate with a 85.9% probability of being best, short of the 95.0% needed.",
    });
  });

  it("revenue as sum and sum of squares gives the same answer as the amounts", () => {
    const amounts = [5000, 5000, 12000, 800];
    const moments = { sumMinor: 22800, sumSquaresMinor: 2 * 25e6 + 144e6 + 640_000 };
    expect(revenuePerRecipient({ ...v("a", 400, 0, 4), revenue: moments })).toEqual(
      revenuePerRecipient(v("a", 400, 0, 4, amounts)),
    );
    expect(revenuePerRecipient(v("a", 1000, 0, 30, Array(30).fill(5000)))).toEqual({
      mean: 150,
      se: expect.closeTo(26.985704145495784, 10),
    });
  });

  it("falls back for lack of evidence: thin revenue, too few recipients, zero clicks", () => {
    const a = v("a", 500, 40, 6, [1200, 800, 1500, 900, 2000, 700]);
    const b = v("b", 500, 45, 8, [1100, 900, 1600, 2500, 800, 1000, 1300, 3000]);
    const thin = decideWinner([a, b], { metric: "revenue_per_recipient", fallbackId: "a" });
    expect(thin).toMatchObject({ decided: false, fallback: "a" });
    expect(thin.probabilities!.b).toBeCloseTo(0.8146598212709568, 10);
    expect(decideWinner([v("a", 99, 50), v("b", 1000, 10)], { metric: "click_rate", fallbackId: "b" }).reason).toBe(
      "Variant a reached 99 recipients and each variant needs at least 100, so the fallback variant was sent.",
    );
    expect(decideWinner([v("a", 1000, 0), v("b", 1000, 60)], { metric: "click_rate", fallbackId: "a" })).toEqual({
      decided: false,
      fallback: "a",
      probabilities: null,
      reason: "Variant a has 0 clicks and each variant needs at least 5, so the fallback variant was sent.",
      finding: "Variant a has 0 clicks and each variant needs at least 5.",
    });
    // With a lower bar the same data decides: the rule, not the data, held it back.
    expect(
      decideWinner([v("a", 1000, 0), v("b", 1000, 60)], { metric: "click_rate", fallbackId: "a", minEvents: 0 }),
    ).toMatchObject({ decided: true, winner: "b" });
  });

  it("identical revenue for every buyer cannot be judged; identical variants tie", () => {
    const flat = decideWinner([v("a", 200, 0, 0, []), v("b", 200, 0, 0, [])], {
      metric: "revenue_per_recipient",
      fallbackId: "b",
      minEvents: 0,
    });
    expect(flat.reason).toBe(
      "Every recipient of variant a brought the same revenue: its spread cannot be judged, so the fallback variant was sent.",
    );
    const tie = decideWinner([v("a", 1000, 50, 10), v("b", 1000, 50, 10)], {
      metric: "conversion_rate",
      fallbackId: "b",
    });
    expect(tie).toMatchObject({ decided: false, fallback: "b" });
    expect(tie.probabilities!.a).toBeCloseTo(0.5, 10);
  });

  it("one variant is no test; four variants pick the clear leader", () => {
    expect(decideWinner([v("a", 5000, 400)], { metric: "click_rate", fallbackId: "a" })).toEqual({
      decided: false,
      fallback: "a",
      probabilities: null,
      reason: "A test needs at least two variants, so the fallback variant was sent.",
      finding: "A test needs at least two variants.",
    });
    const four = decideWinner([v("a", 3000, 150), v("b", 3000, 160), v("c", 3000, 155), v("d", 3000, 240)], {
      metric: "click_rate",
      fallbackId: "a",
    });
    expect(four).toMatchObject({ decided: true, winner: "d" });
    expect(Object.values(four.probabilities!).reduce((s, p) => s + p, 0)).toBeCloseTo(1, 6);
  });

  it("is deterministic and does not depend on the order of the variants", () => {
    const vs = [v("a", 800, 40, 12), v("b", 800, 52, 15), v("c", 800, 47, 20)];
    const first = decideWinner(vs, { metric: "conversion_rate", fallbackId: "a" });
    expect(decideWinner(vs, { metric: "conversion_rate", fallbackId: "a" })).toEqual(first);
    const reversed = decideWinner([...vs].reverse(), { metric: "conversion_rate", fallbackId: "a" });
    for (const id of ["a", "b", "c"]) expect(reversed.probabilities![id]).toBeCloseTo(first.probabilities![id]!, 8);
  });

  it("refuses input that is not a test's counts", () => {
    expect(() => decideWinner([v("a", 10, 1)], { metric: "click_rate", fallbackId: "z" })).toThrow(/fallback/);
    expect(() => decideWinner([v("a", 10, 11), v("b", 10, 1)], { metric: "click_rate", fallbackId: "a" })).toThrow(
      /more clicks/,
    );
    expect(() => decideWinner([v("a", 10.5, 1), v("b", 10, 1)], { metric: "click_rate", fallbackId: "a" })).toThrow(
      /not counts/,
    );
  });
});
