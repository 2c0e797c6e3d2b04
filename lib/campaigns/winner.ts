import { probabilityBest, type Posterior } from "./probability-best";

/**
 * The A/B winner rule (pure, client-safe): a variant wins only when its probability of being best
 * on the chosen metric is at least 95% and every variant has the minimum sample; otherwise the
 * owner's fallback variant goes, with the reason in a plain sentence.
 *
 * Rates (click, conversion) use Beta-Binomial posteriors with a uniform Beta(1, 1) prior.
 * Revenue per recipient uses a normal approximation of each variant's mean with its standard
 * error. Why not a Beta or log-normal model: revenue is zero-inflated (most recipients buy
 * nothing) with a long tail, which no simple parametric family fits, but the *mean* of thousands
 * of recipients is close to normal (central limit theorem) whatever the shape — and the mean is
 * what "revenue per recipient" asks about. It needs only each variant's sum and sum of squares
 * (one SQL aggregate, no per-recipient rows) and is deterministic without a PRNG. A Bayesian
 * bootstrap would need every recipient's amount and a seed for the same answer at this size.
 * Its weakness is a thin sample with one huge order; the minimum conversions per variant guards it.
 */
export const WINNER_METRICS = ["click_rate", "conversion_rate", "revenue_per_recipient"] as const;
export type WinnerMetric = (typeof WINNER_METRICS)[number];

export type RevenueMoments = { sumMinor: number; sumSquaresMinor: number };

export type VariantOutcome = {
  id: string;
  /** What the owner calls it ("B", "Short subject"); the id when absent. */
  label?: string;
  recipients: number;
  clicks: number;
  /** Recipients who converted (not conversions: a rate is per recipient). */
  conversions: number;
  /**
   * Attributed revenue in minor units: each converting recipient's total (zeros may be left out),
   * or the sum and sum of squares of those totals (SQL: sum(x), sum(x::numeric * x)).
   */
  revenue?: RevenueMoments | readonly number[];
};

export type WinnerOptions = {
  metric: WinnerMetric;
  /** The owner's variant for an undecided test. */
  fallbackId: string;
  threshold?: number;
  /** Recipients every variant needs. */
  minRecipients?: number;
  /** Clicks (click rate) or converted recipients (conversion rate, revenue) every variant needs. */
  minEvents?: number;
};

/**
 * `reason` says what was found and what was sent; `finding` says only what was found, for a test
 * still running (nothing has been sent to the rest yet).
 */
export type WinnerDecision =
  | { decided: true; winner: string; probabilities: Record<string, number>; reason: string; finding: string }
  | {
      decided: false;
      fallback: string;
      probabilities: Record<string, number> | null;
      reason: string;
      finding: string;
    };

export const WINNER_DEFAULTS = { threshold: 0.95, minRecipients: 100, minEvents: 5 } as const;

const METRIC_TEXT: Record<WinnerMetric, { name: string; events: string }> = {
  click_rate: { name: "click rate", events: "clicks" },
  conversion_rate: { name: "conversion rate", events: "conversions" },
  revenue_per_recipient: { name: "revenue per recipient", events: "conversions" },
};

export function revenueMoments(revenue: RevenueMoments | readonly number[] | undefined): RevenueMoments {
  if (!revenue) return { sumMinor: 0, sumSquaresMinor: 0 };
  if (!Array.isArray(revenue)) return revenue as RevenueMoments;
  let sumMinor = 0;
  let sumSquaresMinor = 0;
  for (const x of revenue as readonly number[]) {
    sumMinor += x;
    sumSquaresMinor += x * x;
  }
  return { sumMinor, sumSquaresMinor };
}

/** The mean revenue per recipient and its standard error (sample variance, n − 1). */
export function revenuePerRecipient(v: VariantOutcome): { mean: number; se: number } {
  const { sumMinor, sumSquaresMinor } = revenueMoments(v.revenue);
  const n = v.recipients;
  if (n < 2) return { mean: n ? sumMinor / n : 0, se: NaN };
  const mean = sumMinor / n;
  const variance = Math.max(0, (sumSquaresMinor - n * mean * mean) / (n - 1));
  return { mean, se: Math.sqrt(variance / n) };
}

const eventsOf = (v: VariantOutcome, metric: WinnerMetric) => (metric === "click_rate" ? v.clicks : v.conversions);
const nameOf = (v: VariantOutcome) => v.label ?? v.id;
const percent = (p: number) => `${(Math.floor(p * 1000) / 10).toFixed(1)}%`;

function posteriorOf(v: VariantOutcome, metric: WinnerMetric): Posterior {
  if (metric === "revenue_per_recipient") {
    const { mean, se } = revenuePerRecipient(v);
    return { kind: "normal", mean, sd: se };
  }
  const events = eventsOf(v, metric);
  return { kind: "beta", a: 1 + events, b: 1 + v.recipients - events };
}

function checkInput(variants: readonly VariantOutcome[], o: WinnerOptions) {
  if (!WINNER_METRICS.includes(o.metric)) throw new RangeError(`Unknown metric ${String(o.metric)}`);
  if (!variants.some((v) => v.id === o.fallbackId)) throw new RangeError("The fallback is not one of the variants");
  for (const v of variants) {
    const counts = [v.recipients, v.clicks, v.conversions];
    if (!counts.every((c) => Number.isInteger(c) && c >= 0)) throw new RangeError(`Counts of ${v.id} are not counts`);
    if (v.clicks > v.recipients || v.conversions > v.recipients)
      throw new RangeError(`${v.id} has more clicks or conversions than recipients`);
  }
}

/** Judges an A/B test: the winner, or the fallback and why. */
export function decideWinner(variants: readonly VariantOutcome[], options: WinnerOptions): WinnerDecision {
  checkInput(variants, options);
  const { metric, fallbackId } = options;
  const threshold = options.threshold ?? WINNER_DEFAULTS.threshold;
  const minRecipients = options.minRecipients ?? WINNER_DEFAULTS.minRecipients;
  const minEvents = options.minEvents ?? WINNER_DEFAULTS.minEvents;
  const text = METRIC_TEXT[metric];
  const undecided = (finding: string, probabilities: Record<string, number> | null = null): WinnerDecision => ({
    decided: false,
    fallback: fallbackId,
    probabilities,
    finding: `${finding}.`,
    reason: `${finding}, so the fallback variant was sent.`,
  });

  if (variants.length < 2) return undecided("A test needs at least two variants");
  const few = variants.find((v) => v.recipients < minRecipients);
  if (few)
    return undecided(
      `Variant ${nameOf(few)} reached ${few.recipients} recipients and each variant needs at least ${minRecipients}`,
    );
  const thin = variants.find((v) => eventsOf(v, metric) < minEvents);
  if (thin)
    return undecided(
      `Variant ${nameOf(thin)} has ${eventsOf(thin, metric)} ${text.events} and each variant needs at least ${minEvents}`,
    );
  const posteriors = variants.map((v) => posteriorOf(v, metric));
  const flat = variants.find((_, i) => {
    const p = posteriors[i]!;
    return p.kind === "normal" && !(p.sd > 0);
  });
  if (flat)
    return undecided(
      `Every recipient of variant ${nameOf(flat)} brought the same revenue: its spread cannot be judged`,
    );

  const chances = probabilityBest(posteriors);
  const probabilities = Object.fromEntries(variants.map((v, i) => [v.id, chances[i]!]));
  let best = 0;
  for (let i = 1; i < chances.length; i++) if (chances[i]! > chances[best]!) best = i;
  const leader = variants[best]!;
  const p = chances[best]!;
  if (p >= threshold) {
    return {
      decided: true,
      winner: leader.id,
      probabilities,
      reason: `Variant ${nameOf(leader)} has a ${percent(p)} probability of the best ${text.name} (at least ${percent(threshold)} needed).`,
      finding: `Variant ${nameOf(leader)} has a ${percent(p)} probability of the best ${text.name}.`,
    };
  }
  return undecided(
    `Variant ${nameOf(leader)} leads on ${text.name} with a ${percent(p)} probability of being best, short of the ${percent(threshold)} needed`,
    probabilities,
  );
}
