import { Temporal } from "temporal-polyfill";

/** The presets every analytics chart shares; "custom" takes from/to local dates with no upper limit. */
export const RANGE_PRESETS = ["7d", "30d", "90d", "1y"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number] | "custom";
export const DEFAULT_PRESET = "30d" satisfies RangePreset;

export type Bucket = "day" | "week";

export type Period = {
  /** Local calendar days in the organisation's zone, inclusive. */
  fromDay: string;
  toDay: string;
  /** [start, end) as instants: local midnight of fromDay to local midnight after toDay. */
  start: Date;
  end: Date;
};

export type AnalyticsRange = Period & {
  preset: RangePreset;
  timeZone: string;
  bucket: Bucket;
  /** The period of the same length just before, when comparison is on. */
  previous: Period | null;
  /** Every bucket's key (YYYY-MM-DD of its first local day), in order: charts draw empty days too. */
  bucketKeys: string[];
};

export type RangeInput = { range?: string | null; from?: string | null; to?: string | null; compare?: string | null };
export type RangeIssue = { field: "range" | "from" | "to"; message: string };

const PRESET_DAYS: Record<Exclude<RangePreset, "custom">, number> = { "7d": 7, "30d": 30, "90d": 90, "1y": 365 };
/** Longer ranges are drawn by week so a year stays readable; nothing caps the range itself. */
const DAILY_UP_TO_DAYS = 92;

function parseDay(value: string | null | undefined): Temporal.PlainDate | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  try {
    return Temporal.PlainDate.from(value, { overflow: "reject" });
  } catch {
    return null;
  }
}

function startOfDay(day: Temporal.PlainDate, timeZone: string): Date {
  // A day that begins in a DST gap starts at the first instant that exists.
  return new Date(day.toZonedDateTime({ timeZone }).epochMilliseconds);
}

function period(from: Temporal.PlainDate, to: Temporal.PlainDate, timeZone: string): Period {
  return {
    fromDay: from.toString(),
    toDay: to.toString(),
    start: startOfDay(from, timeZone),
    end: startOfDay(to.add({ days: 1 }), timeZone),
  };
}

/** The Monday that starts the ISO week holding day. */
export function weekStart(day: Temporal.PlainDate): Temporal.PlainDate {
  return day.subtract({ days: day.dayOfWeek - 1 });
}

function keysFor(from: Temporal.PlainDate, to: Temporal.PlainDate, bucket: Bucket): string[] {
  const keys: string[] = [];
  let day = bucket === "week" ? weekStart(from) : from;
  const step = bucket === "week" ? { days: 7 } : { days: 1 };
  while (Temporal.PlainDate.compare(day, to) <= 0) {
    keys.push(day.toString());
    day = day.add(step);
  }
  return keys;
}

/**
 * Reads the range from a page's search params. Anything unreadable falls back to the default and
 * is reported with the field it came from, so the page can say so instead of drawing nonsense.
 */
export function resolveRange(
  input: RangeInput,
  options: { timeZone: string; now?: Date },
): { range: AnalyticsRange; issues: RangeIssue[] } {
  const { timeZone } = options;
  const today = Temporal.Instant.fromEpochMilliseconds((options.now ?? new Date()).getTime())
    .toZonedDateTimeISO(timeZone)
    .toPlainDate();
  const issues: RangeIssue[] = [];
  let preset = (input.range ?? DEFAULT_PRESET) as RangePreset;
  if (preset !== "custom" && !(RANGE_PRESETS as readonly string[]).includes(preset)) {
    issues.push({ field: "range", message: `The range "${preset}" is not one of 7d, 30d, 90d, 1y or custom.` });
    preset = DEFAULT_PRESET;
  }

  let from: Temporal.PlainDate;
  let to: Temporal.PlainDate;
  if (preset === "custom") {
    const f = parseDay(input.from);
    const t = parseDay(input.to);
    if (!f) issues.push({ field: "from", message: "The start date must be a date like 2026-01-31." });
    if (!t) issues.push({ field: "to", message: "The end date must be a date like 2026-12-31." });
    if (f && t && Temporal.PlainDate.compare(f, t) > 0)
      issues.push({ field: "to", message: "The end date must be on or after the start date." });
    if (issues.length) {
      preset = DEFAULT_PRESET;
      to = today;
      from = today.subtract({ days: PRESET_DAYS[DEFAULT_PRESET] - 1 });
    } else {
      from = f!;
      to = t!;
    }
  } else {
    to = today;
    from = today.subtract({ days: PRESET_DAYS[preset] - 1 });
  }

  const days = from.until(to, { largestUnit: "days" }).days + 1;
  const bucket: Bucket = days <= DAILY_UP_TO_DAYS ? "day" : "week";
  const previous = input.compare === "1" ? period(from.subtract({ days }), from.subtract({ days: 1 }), timeZone) : null;
  return {
    range: { ...period(from, to, timeZone), preset, timeZone, bucket, previous, bucketKeys: keysFor(from, to, bucket) },
    issues,
  };
}

/** The search params that reproduce a range (the range lives in the URL). */
export function rangeSearch(range: Pick<AnalyticsRange, "preset" | "fromDay" | "toDay">, compare: boolean): string {
  const params = new URLSearchParams({ range: range.preset });
  if (range.preset === "custom") {
    params.set("from", range.fromDay);
    params.set("to", range.toDay);
  }
  if (compare) params.set("compare", "1");
  return params.toString();
}

/** Which bucket a local day falls in. */
export function bucketKeyOf(day: string, bucket: Bucket): string {
  const d = Temporal.PlainDate.from(day);
  return (bucket === "week" ? weekStart(d) : d).toString();
}

/** The comparison period as a range of its own (same zone and bucket), for the same queries. */
export function previousRange(range: AnalyticsRange): AnalyticsRange | null {
  if (!range.previous) return null;
  const from = Temporal.PlainDate.from(range.previous.fromDay);
  const to = Temporal.PlainDate.from(range.previous.toDay);
  return { ...range, ...range.previous, previous: null, bucketKeys: keysFor(from, to, range.bucket) };
}
