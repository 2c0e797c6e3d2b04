import { betaCdf, betaPdf, lnBeta, normalCdf, normalPdf } from "./special-functions";

/**
 * The probability that each variant's true value is the highest, from independent posteriors
 * (pure, deterministic). Rates use Beta posteriors; revenue per recipient a normal one for the
 * mean. Two variants: closed forms; three or four: one-dimensional numerical integration of
 * P(i best) = ∫ pdf_i(x) · Π_{j≠i} cdf_j(x) dx, which needs no random numbers at all.
 */
export type BetaPosterior = { kind: "beta"; a: number; b: number };
export type NormalPosterior = { kind: "normal"; mean: number; sd: number };
export type Posterior = BetaPosterior | NormalPosterior;

/**
 * P(p_B > p_A) for p_A ~ Beta(a_A, b_A), p_B ~ Beta(a_B, b_B) with a_B a positive integer: Evan
 * Miller's closed form ("Formulas for Bayesian A/B Testing", 2015), summed in log space.
 */
export function betaBeatsExact(A: BetaPosterior, B: BetaPosterior): number {
  // The sum has a_B terms; P(B > A) = 1 − P(A > B) (ties have probability zero) lets it run over the smaller a.
  if (B.a > A.a && Number.isInteger(A.a)) return 1 - betaBeatsExact(B, A);
  if (!Number.isInteger(B.a) || B.a < 1) throw new RangeError("The closed form needs a positive integer a");
  const base = lnBeta(A.a, A.b);
  let total = 0;
  for (let i = 0; i < B.a; i++) {
    total += Math.exp(lnBeta(A.a + i, A.b + B.b) - Math.log(B.b + i) - lnBeta(1 + i, B.b) - base);
  }
  return Math.min(1, Math.max(0, total));
}

/** P(B > A) for independent normals. */
export function normalBeats(A: NormalPosterior, B: NormalPosterior): number {
  return normalCdf((B.mean - A.mean) / Math.hypot(A.sd, B.sd));
}

const pdf = (p: Posterior, x: number) =>
  p.kind === "beta" ? betaPdf(x, p.a, p.b) : normalPdf((x - p.mean) / p.sd) / p.sd;
const cdf = (p: Posterior, x: number) => (p.kind === "beta" ? betaCdf(x, p.a, p.b) : normalCdf((x - p.mean) / p.sd));

/** Where the posterior's mass lies: its mean ± 12 standard deviations (inside [0, 1] for a rate). */
function support(p: Posterior): [number, number] {
  if (p.kind === "normal") return [p.mean - 12 * p.sd, p.mean + 12 * p.sd];
  const n = p.a + p.b;
  const mean = p.a / n;
  const sd = Math.sqrt((p.a * p.b) / (n * n * (n + 1)));
  return [Math.max(0, mean - 12 * sd), Math.min(1, mean + 12 * sd)];
}

const INTERVALS = 2_000; // even, for Simpson's rule

function integrateBest(posteriors: Posterior[], i: number): number {
  const [lo, hi] = support(posteriors[i]!);
  const h = (hi - lo) / INTERVALS;
  let sum = 0;
  for (let k = 0; k <= INTERVALS; k++) {
    const x = lo + k * h;
    let f = pdf(posteriors[i]!, x);
    for (let j = 0; j < posteriors.length && f > 0; j++) if (j !== i) f *= cdf(posteriors[j]!, x);
    sum += f * (k === 0 || k === INTERVALS ? 1 : k % 2 === 1 ? 4 : 2);
  }
  return Math.min(1, Math.max(0, (sum * h) / 3));
}

/** For each posterior, the probability that it is the highest; all of one kind. */
export function probabilityBest(posteriors: readonly Posterior[]): number[] {
  if (posteriors.length === 0) return [];
  if (posteriors.length === 1) return [1];
  for (const p of posteriors) {
    if (p.kind === "normal" && !(p.sd > 0)) throw new RangeError("A normal posterior needs a positive sd");
    if (p.kind === "beta" && !(p.a > 0 && p.b > 0)) throw new RangeError("A Beta posterior needs a, b > 0");
  }
  if (posteriors.length === 2) {
    const [A, B] = posteriors as [Posterior, Posterior];
    const bWins =
      A.kind === "beta" && B.kind === "beta"
        ? betaBeatsExact(A, B)
        : A.kind === "normal" && B.kind === "normal"
          ? normalBeats(A, B)
          : NaN;
    if (Number.isNaN(bWins)) throw new RangeError("Compare posteriors of one kind");
    return [1 - bWins, bWins];
  }
  return posteriors.map((_, i) => integrateBest([...posteriors], i));
}
