/** Wall-clock arithmetic in IANA zones with Intl only (no dependency). Minute precision. */
const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function formatter(zone: string) {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
    });
    formatters.set(zone, f);
  }
  return f;
}

export type LocalParts = { year: number; month: number; day: number; hour: number; minute: number; weekday: number };

export function localParts(instant: Date, zone: string): LocalParts {
  const p = Object.fromEntries(
    formatter(zone)
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  );
  return {
    year: +p.year!,
    month: +p.month!,
    day: +p.day!,
    hour: +p.hour! % 24,
    minute: +p.minute!,
    weekday: WEEKDAYS.indexOf(p.weekday!),
  };
}

/** Local wall time as if it were UTC, in ms: comparable across one zone's days. */
function localMs(instant: Date, zone: string): number {
  const p = localParts(instant, zone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
}

function offsetMs(t: number, zone: string): number {
  return localMs(new Date(t), zone) - Math.floor(t / 60_000) * 60_000;
}

/**
 * The instant a local wall time happens in `zone`. Twice on a fall-back night → the first;
 * never on a spring-forward night (inside the gap) → the instant the clocks jump, the first
 * moment the local time is past it.
 */
export function zonedInstant(
  zone: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
): Date {
  const L = Date.UTC(year, month - 1, day, hour, minute);
  const exact = [offsetMs(L - 86_400_000, zone), offsetMs(L, zone), offsetMs(L + 86_400_000, zone)]
    .map((o) => L - o)
    .filter((t) => localMs(new Date(t), zone) === L);
  if (exact.length) return new Date(Math.min(...exact));
  let lo = L - 16 * 3_600_000,
    hi = L + 16 * 3_600_000;
  while (hi - lo > 60_000) {
    const mid = Math.floor((lo + hi) / 2 / 60_000) * 60_000;
    if (localMs(new Date(mid), zone) > L) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** The local calendar date `days` after the instant's local date, as y/m/d. */
export function addLocalDays(p: { year: number; month: number; day: number }, days: number) {
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

export const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const pad2 = (n: number) => String(n).padStart(2, "0");

/** "08:00 Europe/Paris" (with the weekday and date when it is not the same local day as `from`). */
export function localLabel(instant: Date, zone: string, from?: Date): string {
  const p = localParts(instant, zone);
  const time = `${pad2(p.hour)}:${pad2(p.minute)} ${zone}`;
  if (!from) return time;
  const f = localParts(from, zone);
  if (f.year === p.year && f.month === p.month && f.day === p.day) return time;
  return `${WEEKDAYS[p.weekday]} ${p.year}-${pad2(p.month)}-${pad2(p.day)} ${time}`;
}
