import { Temporal } from "temporal-polyfill";

/**
 * Wall-clock arithmetic in IANA zones, minute precision, on Temporal (temporal-polyfill). It
 * names both instants of a repeated hour and the zone's transitions themselves, which the
 * hand-written search over Intl offsets could not — and so that code missed the moments a
 * fall-back night leaves quiet hours (issue 13 §6).
 */
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export type LocalParts = { year: number; month: number; day: number; hour: number; minute: number; weekday: number };

/** The wall clock in `zone` at an instant (weekday 0 = Sunday). */
export function localParts(instant: Date, zone: string): LocalParts {
  const z = Temporal.Instant.fromEpochMilliseconds(+instant).toZonedDateTimeISO(zone);
  return { year: z.year, month: z.month, day: z.day, hour: z.hour, minute: z.minute, weekday: z.dayOfWeek % 7 };
}

const toDate = (z: Temporal.ZonedDateTime) => new Date(z.epochMilliseconds);

function wallTime(year: number, month: number, day: number, hour: number, minute: number) {
  return Temporal.PlainDateTime.from({ year, month, day, hour, minute }, { overflow: "reject" });
}

/**
 * Every instant a local wall time happens in `zone`: one on an ordinary day, two in a repeated
 * (fall-back) hour, none inside a spring-forward gap.
 */
export function zonedInstants(zone: string, year: number, month: number, day: number, hour: number, minute: number) {
  const local = wallTime(year, month, day, hour, minute);
  const earlier = local.toZonedDateTime(zone, { disambiguation: "earlier" });
  const later = local.toZonedDateTime(zone, { disambiguation: "later" });
  const found = [earlier, later].filter((z) => z.toPlainDateTime().equals(local)).map(toDate);
  return found.length === 2 && +found[0]! === +found[1]! ? [found[0]!] : found;
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
  const local = wallTime(year, month, day, hour, minute);
  const before = local.toZonedDateTime(zone, { disambiguation: "earlier" });
  if (before.toPlainDateTime().equals(local)) return toDate(before);
  // In the gap: "earlier" is the same distance before it; the next transition is the jump.
  const jump = before.getTimeZoneTransition("next");
  return jump ? toDate(jump) : toDate(local.toZonedDateTime(zone, { disambiguation: "later" }));
}

/** The zone's offset changes (DST and others) after `from` and up to `to`. */
export function zoneTransitions(zone: string, from: Date, to: Date): Date[] {
  const found: Date[] = [];
  let at: Temporal.ZonedDateTime | null = Temporal.Instant.fromEpochMilliseconds(+from).toZonedDateTimeISO(zone);
  while ((at = at.getTimeZoneTransition("next")) && at.epochMilliseconds <= +to) found.push(toDate(at));
  return found;
}

/** The local calendar date `days` after the given one, as y/m/d (weekday 0 = Sunday). */
export function addLocalDays(p: { year: number; month: number; day: number }, days: number) {
  const d = Temporal.PlainDate.from({ year: p.year, month: p.month, day: p.day }).add({ days });
  return { year: d.year, month: d.month, day: d.day, weekday: d.dayOfWeek % 7 };
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
