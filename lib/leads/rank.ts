/**
 * Fractional ranks: base-36 digit strings compared byte by byte (the column is `collate "C"`).
 * A key between two neighbours gets a random digit and a random tail, so two reps dropping a
 * card into the same gap at the same moment get different keys; the unique index on
 * (stage, rank) turns the astronomically rare tie into a retry, never a duplicate.
 * Keys never end in "0", so there is always room below any key.
 */
const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
const BASE = DIGITS.length;
const TAIL = 4;

type Random = () => number;

function digit(i: number): string {
  return DIGITS[i]!;
}
function value(c: string | undefined): number {
  return c === undefined ? -1 : DIGITS.indexOf(c);
}
/** A random digit in [lo, hi] inclusive. */
function randomDigit(random: Random, lo: number, hi: number): string {
  return digit(lo + Math.floor(random() * (hi - lo + 1)));
}
function tail(random: Random): string {
  let out = "";
  for (let i = 0; i < TAIL; i++) out += randomDigit(random, 1, BASE - 1);
  return out;
}

export function isValidRank(key: string): boolean {
  return /^[0-9a-z]+$/.test(key) && !key.endsWith("0");
}

/** A key strictly between `a` and `b` (either may be null: open-ended). */
export function rankBetween(a: string | null, b: string | null, random: Random = Math.random): string {
  if (a !== null && b !== null && a >= b) throw new Error(`rankBetween: ${a} is not before ${b}`);
  let prefix = "";
  for (let i = 0; ; i++) {
    const lo = a === null ? -1 : value(a[i]); // -1: a has ended (or is open), anything above works
    const hi = b === null ? BASE : value(b[i]) === -1 ? BASE : value(b[i]);
    if (hi - lo > 1) {
      // A free digit strictly between: everything after it is unconstrained.
      return prefix + randomDigit(random, lo + 1, hi - 1) + tail(random);
    }
    // No room at this position: copy a's digit (or b's, when a has ended) and go deeper.
    if (lo === -1) {
      // a ended and b's digit is 0: follow b with "0" and stay below it further down.
      prefix += digit(0);
      continue;
    }
    prefix += digit(lo);
    if (hi !== BASE && hi === lo) continue; // shared prefix with b
    // From here on only a bounds us (b's digit is greater): any key above a's remainder works.
    b = null;
  }
}

export function rankAfter(a: string | null, random?: Random): string {
  return rankBetween(a, null, random);
}

export function rankBefore(b: string | null, random?: Random): string {
  return rankBetween(null, b, random);
}

/** n increasing keys, spread out, for seeding a column in one go. */
export function initialRanks(n: number, random: Random = Math.random): string[] {
  const width = Math.max(2, Math.ceil(Math.log(n + 2) / Math.log(BASE)) + 1);
  const span = BASE ** width;
  const step = span / (n + 1);
  return Array.from({ length: n }, (_, i) => {
    const x = Math.floor(step * (i + 1));
    const s = x.toString(36).padStart(width, "0");
    return s + tail(random);
  });
}
