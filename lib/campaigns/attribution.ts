/**
 * Which conversions a campaign earned (pure, client-safe).
 *
 * The rule: a touch opens a window of `windowDays` × 24 hours, from the touch (inclusive) to the
 * window's end (exclusive). Every conversion of that customer inside a window of one of their
 * qualifying touches is attributed, each conversion once (by id), however many touches' windows
 * hold it; a conversion before the first touch or after the last window is not. Which touches
 * qualify depends on the basis, because each event implies the ones before it: basis "click"
 * takes clicks; "open" takes opens and clicks (a click is an open); "delivery" takes any touch.
 *
 * For a holdout, give each held-out customer a "delivery" touch at the time the campaign would
 * have reached them, and judge recipients on basis "delivery" too, so both groups use one rule.
 */
export const ATTRIBUTION_BASES = ["click", "open", "delivery"] as const;
export type AttributionBasis = (typeof ATTRIBUTION_BASES)[number];
export const CONVERSION_KINDS = ["order", "payment", "discount"] as const;
export type ConversionKind = (typeof CONVERSION_KINDS)[number];
export const DEFAULT_ATTRIBUTION_WINDOW_DAYS = 5;

export type Touch = { customerId: string; at: Date; basis: AttributionBasis };
export type Conversion = {
  /** Unique across kinds ("order:<uuid>"), so a conversion counts once. */
  id: string;
  customerId: string;
  at: Date;
  kind: ConversionKind;
  amountMinor: number;
  currency: string;
};
export type AttributedConversion = Conversion & { touchAt: Date };

const RANK: Record<AttributionBasis, number> = { delivery: 0, open: 1, click: 2 };
const DAY_MS = 86_400_000;

export type AttributionOptions = { basis?: AttributionBasis; windowDays?: number };

/** Per customer with at least one attributed conversion: those conversions, oldest first, with the touch that earned each. */
export function attributeConversions(
  touches: readonly Touch[],
  conversions: readonly Conversion[],
  options: AttributionOptions = {},
): Map<string, AttributedConversion[]> {
  const basis = options.basis ?? "click";
  const windowDays = options.windowDays ?? DEFAULT_ATTRIBUTION_WINDOW_DAYS;
  if (!ATTRIBUTION_BASES.includes(basis)) throw new RangeError(`Unknown attribution basis ${String(basis)}`);
  if (!(windowDays > 0 && windowDays <= 365)) throw new RangeError("The attribution window is 1 to 365 days");
  const windowMs = windowDays * DAY_MS;

  const touchTimes = new Map<string, number[]>();
  for (const t of touches) {
    if (RANK[t.basis] < RANK[basis]) continue;
    const list = touchTimes.get(t.customerId) ?? [];
    list.push(t.at.getTime());
    touchTimes.set(t.customerId, list);
  }
  for (const list of touchTimes.values()) list.sort((a, b) => a - b);

  const seen = new Set<string>();
  const result = new Map<string, AttributedConversion[]>();
  const ordered = [...conversions].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id));
  for (const c of ordered) {
    const times = touchTimes.get(c.customerId);
    if (!times || seen.has(c.id)) continue;
    const at = c.at.getTime();
    // The latest touch at or before the conversion: if its window misses it, every earlier one does too.
    let touchAt: number | undefined;
    for (const t of times) {
      if (t > at) break;
      touchAt = t;
    }
    if (touchAt === undefined || at >= touchAt + windowMs) continue;
    seen.add(c.id);
    const list = result.get(c.customerId) ?? [];
    list.push({ ...c, touchAt: new Date(touchAt) });
    result.set(c.customerId, list);
  }
  return result;
}

/** Each converting customer's attributed revenue in one currency (minor units): the amounts the statistics take. */
export function revenuePerCustomer(attributed: Map<string, AttributedConversion[]>, currency: string): number[] {
  const totals: number[] = [];
  for (const list of attributed.values()) {
    totals.push(list.reduce((sum, c) => sum + (c.currency === currency ? c.amountMinor : 0), 0));
  }
  return totals;
}
