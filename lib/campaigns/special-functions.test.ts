import { describe, expect, it } from "vitest";
import { betaCdf, betaPdf, lnGamma, normalCdf, studentTCdf, studentTQuantile } from "./special-functions";

// Expected values from SciPy 1.17 (scipy.special.gammaln / betainc, scipy.stats.norm / t).
describe("special functions", () => {
  it("log-gamma matches known values, including a huge argument", () => {
    expect(lnGamma(0.5)).toBeCloseTo(0.5723649429247, 12); // ln √π
    expect(lnGamma(10)).toBeCloseTo(Math.log(362_880), 11); // ln 9!
    expect(lnGamma(100_000.5) / 1051293.4654351394).toBeCloseTo(1, 13);
  });

  it("the regularized incomplete beta matches SciPy, on both sides of the continued fraction's switch", () => {
    expect(betaCdf(0.4, 2, 3)).toBeCloseTo(0.5248, 12); // = 1 - 0.6⁴ - 4·0.4·0.6³ (binomial sum)
    expect(betaCdf(0.05, 501, 9501)).toBeCloseTo(0.48902005047571423, 9);
    expect(betaCdf(0.3, 0.5, 0.5)).toBeCloseTo(0.36901011956554536, 12); // (2/π)·asin(√0.3)
    expect([betaCdf(0, 2, 3), betaCdf(1, 2, 3)]).toEqual([0, 1]);
  });

  it("the Beta density integrates to one and is finite at the ends for a, b ≥ 1", () => {
    expect(betaPdf(0, 1, 5)).toBeCloseTo(5, 12);
    expect(betaPdf(1, 3, 1)).toBeCloseTo(3, 12);
    let sum = 0;
    const n = 10_000;
    for (let i = 0; i < n; i++) sum += betaPdf((i + 0.5) / n, 3, 7) / n;
    expect(sum).toBeCloseTo(1, 6);
  });

  it("the normal CDF matches SciPy in the middle and the tails", () => {
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(normalCdf(-1.959963984540054)).toBeCloseTo(0.025, 14);
    expect(normalCdf(-6) / 9.865876450376946e-10).toBeCloseTo(1, 12);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316300933, 15);
    expect(normalCdf(2.999)).toBeCloseTo(0.9986456634662729, 14);
    expect(normalCdf(0)).toBe(0.5);
    expect([normalCdf(-40), normalCdf(40)]).toEqual([0, 1]);
  });

  it("Student's t CDF and quantile match SciPy, fractional degrees of freedom included", () => {
    expect(studentTCdf(2, 5)).toBeCloseTo(0.9490302605850708, 12);
    expect(studentTCdf(-2, 5)).toBeCloseTo(1 - 0.9490302605850708, 12);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138851986274, 9);
    expect(studentTQuantile(0.975, 3.7)).toBeCloseTo(2.8675207071911895, 9);
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959963984540054, 5);
    expect(() => studentTQuantile(0.2, 5)).toThrow(RangeError);
  });
});
