import { describe, expect, it } from "vitest";
import { incrementalRevenue } from "./uplift";

// Reference values: SciPy 1.17, scipy.stats.ttest_ind(recipients, holdout, equal_var=False)
// .confidence_interval(0.95) on the per-customer amounts (zeros included), times the recipients.
describe("incremental revenue against a holdout", () => {
  it("5% buy at 40.00 among 1,900 recipients, 3% among 100 held out", () => {
    const u = incrementalRevenue(
      { customers: 1900, converters: 95, revenue: Array(95).fill(4000) },
      { customers: 100, converters: 3, revenue: [4000, 4000, 4000] },
    );
    expect(u.recipients).toEqual({
      customers: 1900,
      converters: 95,
      conversionRate: 0.05,
      revenueMinor: 380_000,
      revenuePerCustomerMinor: 200,
    });
    expect(u.holdout).toMatchObject({ conversionRate: 0.03, revenuePerCustomerMinor: 40 * 3 });
    expect(u.differencePerCustomerMinor).toBe(80);
    expect(u.incrementalRevenueMinor).toBe(152_000);
    // SciPy: difference CI (−61.4832, 221.4832) per customer, df 116.522 → × 1,900.
    expect(u.interval95).toEqual({
      lowMinor: -116_818,
      highMinor: 420_818,
      degreesOfFreedom: expect.closeTo(116.52198277295922, 8),
    });
    expect(u.method).toBe("welch_t");
  });

  it("uneven order values, given as moments, match the amounts", () => {
    const amounts = [1200, 5000, 300, 9900, 2500];
    const asList = incrementalRevenue(
      { customers: 50, converters: 5, revenue: amounts },
      { customers: 20, converters: 1, revenue: [800] },
    );
    expect(asList.incrementalRevenueMinor).toBe(16_900);
    expect(asList.interval95).toEqual({
      lowMinor: -5994,
      highMinor: 39_794,
      degreesOfFreedom: expect.closeTo(52.0213438998126, 8),
    });
    const sumSquares = amounts.reduce((s, x) => s + x * x, 0);
    const asMoments = incrementalRevenue(
      { customers: 50, converters: 5, revenue: { sumMinor: 18_900, sumSquaresMinor: sumSquares } },
      { customers: 20, converters: 1, revenue: { sumMinor: 800, sumSquaresMinor: 640_000 } },
    );
    expect(asMoments).toEqual(asList);
  });

  it("an empty or single-customer group gives no interval; nobody buying gives no spread", () => {
    const noHoldout = incrementalRevenue(
      { customers: 10, converters: 1, revenue: [500] },
      { customers: 0, converters: 0 },
    );
    expect(noHoldout).toMatchObject({
      differencePerCustomerMinor: null,
      incrementalRevenueMinor: null,
      interval95: null,
      holdout: { conversionRate: null, revenuePerCustomerMinor: null },
    });
    expect(
      incrementalRevenue({ customers: 10, converters: 1, revenue: [500] }, { customers: 1, converters: 0 }).interval95,
    ).toBeNull();
    const nobody = incrementalRevenue({ customers: 300, converters: 0 }, { customers: 30, converters: 0 });
    expect(nobody).toMatchObject({ incrementalRevenueMinor: 0, interval95: null });
  });

  it("refuses counts that are not counts", () => {
    expect(() => incrementalRevenue({ customers: 5, converters: 6 }, { customers: 5, converters: 0 })).toThrow(
      /More converters/,
    );
    expect(() => incrementalRevenue({ customers: -1, converters: 0 }, { customers: 5, converters: 0 })).toThrow(
      /counts/,
    );
  });
});
