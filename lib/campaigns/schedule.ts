import { resolveCustomerZone } from "@/lib/time-zones";
import { addLocalDays, localParts, toMinutes, zonedInstant } from "@/lib/playbooks/zoned-time";
import type { PassedPolicy, ScheduleMode } from "./constants";

export type Schedule = {
  scheduleMode: ScheduleMode;
  scheduledAt: Date | null;
  localDate: string | null;
  localTime: string | null;
  passedPolicy: PassedPolicy;
};

/** The local date and time in `zone` as an instant (the first of a repeated hour; past a DST gap). */
function localInstant(zone: string, ymd: string, hhmm: string, plusDays = 0): Date {
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  const day = addLocalDays({ year: y, month: m, day: d }, plusDays);
  const mins = toMinutes(hhmm);
  return zonedInstant(zone, day.year, day.month, day.day, Math.floor(mins / 60), mins % 60);
}

/**
 * When one customer's message is due. "now" and "at" are one moment for everyone; "local_time"
 * is the date and time in the customer's own zone (the organisation's when they have none), and
 * if that moment has passed when sending starts, the same time the next local day or at once.
 */
export function dueAt(s: Schedule, zone: string, startedAt: Date): Date {
  if (s.scheduleMode === "now") return startedAt;
  if (s.scheduleMode === "at") return s.scheduledAt && s.scheduledAt > startedAt ? s.scheduledAt : startedAt;
  const at = localInstant(zone, s.localDate!, s.localTime!);
  if (at >= startedAt) return at;
  if (s.passedPolicy === "at_once") return startedAt;
  // The next local day after the one on which it passed, at the same wall time.
  const p = localParts(startedAt, zone);
  const today = `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
  const sameDay = localInstant(zone, today, s.localTime!);
  return sameDay > startedAt ? sameDay : localInstant(zone, today, s.localTime!, 1);
}

/** The customer's zone for their local time (their own when valid, else the organisation's). */
export const zoneOf = (customerZone: string | null, orgZone: string) => resolveCustomerZone(customerZone, orgZone).zone;

/**
 * When sending starts: now, the chosen instant, or for local time the first zone on Earth to
 * reach it (UTC+14), so that no customer's morning is missed by a late start.
 */
export function startAt(s: Schedule, now: Date): Date {
  if (s.scheduleMode === "at" && s.scheduledAt && s.scheduledAt > now) return s.scheduledAt;
  if (s.scheduleMode === "local_time") {
    const earliest = localInstant("Pacific/Kiritimati", s.localDate!, s.localTime!);
    return earliest > now ? earliest : now;
  }
  return now;
}
