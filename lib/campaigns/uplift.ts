import { studentTQuantile } from "./special-functions";
import { revenueMoments, type RevenueMoments } from "./winner";

/**
 * What a campaign earned beyond what its audience would have spent anyway (pure, client-safe):
 * revenue per customer among recipients minus the same among the holdout, times the recipients.
 *
 * The 95% interval is Welch's: the difference of two means with unequal variances and the
 * Welch–Satterthwaite degrees of freedom, with Student's t rather than the normal 1.96. A holdout
 * is small by design (e.g. 5%) and its revenue zero-inflated, so its variance is rough; the t
 * quantile widens the interval for that, and tends to 1.96 once both groups are large.
 */
export type GroupOutcome = {
  customers: number;
  /** Customers with at least one attributed conversion. */
  converters: number;
  /** Each converting customer's attributed revenue in minor units (zeros may be left out), or its moments. */
  revenue?: RevenueMoments | readonly number[];
};

export type GroupSummary = {
  customers: number;
  converters: number;
  conversionRate: number | null;
  revenueMinor: number;
  revenuePerCustomerMinor: number | null;
};

export type Uplift = {
  recipients: GroupSummary;
  holdout: GroupSummary;
  /** Recipients' revenue per customer minus the holdout's (minor units, unrounded). */
  differencePerCustomerMinor: number | null;
  /** The difference times the recipients, rounded to minor units. */
  incrementalRevenueMinor: number | null;
  /** 95% interval of the incremental revenue; null when either group has under two customers or no spread. */
  interval95: { lowMinor: number; highMinor: number; degreesOfFreedom: number } | null;
  method: "welch_t";
};

type Moments = { n: number; mean: number; variance: number };

function summarise(g: GroupOutcome): { summary: GroupSummary; moments: Moments } {
  if (!Number.isInteger(g.customers) || g.customers < 0 || !Number.isInteger(g.converters) || g.converters < 0)
    throw new RangeError("Customers and converters are counts");
  if (g.converters > g.customers) throw new RangeError("More converters than customers");
  const { sumMinor, sumSquaresMinor } = revenueMoments(g.revenue);
  const n = g.customers;
  const mean = n ? sumMinor / n : 0;
  const variance = n > 1 ? Math.max(0, (sumSquaresMinor - n * mean * mean) / (n - 1)) : NaN;
  return {
    summary: {
      customers: n,
      converters: g.converters,
      conversionRate: n ? g.converters / n : null,
      revenueMinor: sumMinor,
      revenuePerCustomerMinor: n ? mean : null,
    },
    moments: { n, mean, variance },
  };
}

/** Incremental revenue of a campaign's recipients against its holdout, with Welch's 95% interval. */
export function incrementalRevenue(recipients: GroupOutcome, holdout: GroupOutcome): Uplift {
  const r = summarise(recipients);
  const h = summarise(holdout);
  const base = { recipients: r.summary, holdout: h.summary, method: "welch_t" as const };
  if (!r.moments.n || !h.moments.n)
    return { ...base, differencePerCustomerMinor: null, incrementalRevenueMinor: null, interval95: null };
  const difference = r.moments.mean - h.moments.mean;
  const scale = r.moments.n;
  const result = {
    ...base,
    differencePerCustomerMinor: difference,
    incrementalRevenueMinor: Math.round(difference * scale),
  };
  const vr = r.moments.variance / r.moments.n;
  const vh = h.moments.variance / h.moments.n;
  const se2 = vr + vh;
  if (!(se2 > 0)) return { ...result, interval95: null };
  const df = (se2 * se2) / ((vr * vr) / (r.moments.n - 1) + (vh * vh) / (h.moments.n - 1));
  const half = studentTQuantile(0.975, df) * Math.sqrt(se2);
  return {
    ...result,
    interval95: {
      lowMinor: Math.round((difference - half) * scale),
      highMinor: Math.round((difference + half) * scale),
      degreesOfFreedom: df,
    },
  };
}
