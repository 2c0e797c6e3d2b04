/**
 * The one formatting module: every date, time, relative time, duration and amount a person reads
 * goes through a Formatter made from the organisation's locale, time zone and currency. Pure and
 * client-safe: server components make one with formatterFor(org), client components get it from
 * <FormatProvider> via useFormat().
 */
export type FormatSettings = { locale: string; timeZone: string; currency: string };

export type Formatter = {
  settings: FormatSettings;
  /** "Dec 2, 2026" */
  date(value: DateInput): string;
  /** "Dec 2, 2026, 3:55 PM" — with the zone's short name when it differs from the viewer's. */
  dateTime(value: DateInput): string;
  /** "3:55 PM" */
  time(value: DateInput): string;
  /** "3 days ago", "in 2 hours", "now" */
  relative(value: DateInput, now?: DateInput): string;
  /** "2 days 3 hours", "45 minutes", "12 seconds" (the two largest units) */
  duration(ms: number): string;
  /** Integer minor units in the org's currency (or another): "$1,250" / "1.250 €"; `cents` keeps the fraction. */
  money(minor: number, options?: { currency?: string; cents?: boolean }): string;
  number(value: number): string;
  /** 0.1234 → "12.3%" */
  percent(ratio: number, digits?: number): string;
  /** The calendar day in the org's zone, "2026-12-02": for buckets and date inputs. */
  dayKey(value: DateInput): string;
  /** A calendar day already in the org's zone ("2026-12-02", a bucket key) as "Dec 2, 2026". */
  day(key: string): string;
  /** "America/New_York (EST)": where a page says which zone its times are in. */
  zoneLabel(at?: DateInput): string;
};

export type DateInput = Date | string | number;

const toDate = (value: DateInput) => (value instanceof Date ? value : new Date(value));

function safeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

function safeLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? "en-US";
  } catch {
    return "en-US";
  }
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1000],
];

export function createFormatter(settings: FormatSettings, options: { viewerTimeZone?: string } = {}): Formatter {
  const locale = safeLocale(settings.locale);
  const timeZone = safeZone(settings.timeZone);
  const s: FormatSettings = { locale, timeZone, currency: settings.currency };
  const showZone = options.viewerTimeZone !== undefined && safeZone(options.viewerTimeZone) !== timeZone;
  const dateFmt = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: "medium" });
  const timeFmt = new Intl.DateTimeFormat(locale, { timeZone, timeStyle: "short" });
  // A 24-hour clock is written "08:53" in the locales that use one (de-DE), "8:53 AM" in the others.
  const hourCycle = new Intl.DateTimeFormat(locale, { hour: "numeric" }).resolvedOptions().hourCycle;
  const dateTimeFmt = new Intl.DateTimeFormat(locale, {
    timeZone,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: hourCycle === "h23" || hourCycle === "h24" ? "2-digit" : "numeric",
    minute: "2-digit",
    ...(showZone ? { timeZoneName: "short" } : {}),
  });
  // A day key names a calendar day, not an instant: read and written in UTC so no zone shifts it.
  const plainDayFmt = new Intl.DateTimeFormat(locale, { timeZone: "UTC", dateStyle: "medium" });
  const dayFmt = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const numberFmt = new Intl.NumberFormat(locale);
  const moneyFmts = new Map<string, { whole: Intl.NumberFormat; cents: Intl.NumberFormat; digits: number }>();
  const moneyFor = (currency: string) => {
    let m = moneyFmts.get(currency);
    if (!m) {
      const cents = new Intl.NumberFormat(locale, { style: "currency", currency });
      const digits = cents.resolvedOptions().maximumFractionDigits ?? 2;
      const whole = new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 });
      m = { whole, cents, digits };
      moneyFmts.set(currency, m);
    }
    return m;
  };
  const unitName = (unit: Intl.RelativeTimeFormatUnit, n: number) =>
    new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long" }).format(n);

  return {
    settings: s,
    date: (v) => dateFmt.format(toDate(v)),
    dateTime: (v) => dateTimeFmt.format(toDate(v)),
    time: (v) => timeFmt.format(toDate(v)),
    relative(v, now = Date.now()) {
      const diff = toDate(v).getTime() - toDate(now).getTime();
      for (const [unit, size] of UNITS) {
        if (Math.abs(diff) >= size || unit === "second") return rtf.format(Math.round(diff / size), unit);
      }
      return rtf.format(0, "second");
    },
    duration(ms) {
      let rest = Math.max(0, Math.round(ms / 1000) * 1000);
      const parts: string[] = [];
      for (const [unit, size] of UNITS.filter(([u]) => u !== "month" && u !== "week" && u !== "year")) {
        if (parts.length === 2) break;
        const n = Math.floor(rest / size);
        if (n > 0 || (unit === "second" && parts.length === 0)) parts.push(unitName(unit, n));
        rest -= n * size;
        if (parts.length === 1 && rest === 0) break;
      }
      return parts.join(" ");
    },
    money(minor, o = {}) {
      const m = moneyFor(o.currency ?? s.currency);
      return (o.cents ? m.cents : m.whole).format(minor / 10 ** m.digits);
    },
    number: (n) => numberFmt.format(n),
    percent: (ratio, digits = 1) =>
      new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: digits }).format(ratio),
    dayKey: (v) => dayFmt.format(toDate(v)),
    day: (key) => plainDayFmt.format(new Date(`${key}T00:00:00Z`)),
    zoneLabel(at = Date.now()) {
      const short = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" })
        .formatToParts(toDate(at))
        .find((p) => p.type === "timeZoneName")?.value;
      return short && short !== timeZone ? `${timeZone} (${short})` : timeZone;
    },
  };
}
