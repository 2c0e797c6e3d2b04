/**
 * A follow-up's due date is a calendar day ("2026-12-01"), stored as the last instant of that day
 * in UTC so that the stored value alone says which day it is. "Today" is decided in the
 * organisation's time zone: compare calendar days, never instants.
 */
export function endOfDayUtc(date: string): Date {
  return new Date(`${date}T23:59:59.999Z`);
}

/** The calendar day a follow-up is due ("YYYY-MM-DD"). */
export function dueDateOf(dueAt: Date): string {
  return dueAt.toISOString().slice(0, 10);
}

/** Today's calendar day ("YYYY-MM-DD") for someone in `timeZone` at the instant `now`. */
export function localDate(now: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
