import { resolveCustomerZone } from "../time-zones";
import { addLocalDays, localLabel, localParts, toMinutes, zonedInstants, zoneTransitions } from "./zoned-time";

/** Pure: whether a send may go now, or when the contact's quiet hours end. */
export type QuietHours = {
  start: string | null;
  end: string | null;
  noWeekend: boolean;
  zone: string;
  /** Why `zone` is not the customer's own (an invalid stored zone): added to deferral reasons. */
  zoneNote?: string;
};
export type SendDecision = { kind: "now" } | { kind: "defer"; until: Date; label: string; reason: string };

type OrgQuiet = {
  timeZone: string;
  quietHoursStart: string | null;
  quietHoursEnd: string | null;
  quietHoursNoWeekend: boolean;
};
type ContactQuiet = { timeZone: string | null; quietHoursStart: string | null; quietHoursEnd: string | null };

/** The contact's own window when both ends are set, else the organisation's; the contact's zone when valid, else the org's. */
export function effectiveQuietHours(org: OrgQuiet, contact: ContactQuiet): QuietHours {
  const own = !!(contact.quietHoursStart && contact.quietHoursEnd);
  const resolved = resolveCustomerZone(contact.timeZone, org.timeZone);
  return {
    start: own ? contact.quietHoursStart : org.quietHoursStart,
    end: own ? contact.quietHoursEnd : org.quietHoursEnd,
    noWeekend: org.quietHoursNoWeekend,
    zone: resolved.zone,
    ...(resolved.fallbackNote ? { zoneNote: resolved.fallbackNote } : {}),
  };
}

function inWindow(q: QuietHours, minutes: number): boolean {
  if (!q.start || !q.end) return false;
  const s = toMinutes(q.start),
    e = toMinutes(q.end);
  if (s === e) return false;
  return s < e ? minutes >= s && minutes < e : minutes >= s || minutes < e;
}

export function isQuiet(q: QuietHours, instant: Date): boolean {
  const p = localParts(instant, q.zone);
  if (q.noWeekend && (p.weekday === 0 || p.weekday === 6)) return true;
  return inWindow(q, p.hour * 60 + p.minute);
}

/**
 * "now", or the first moment after `now` outside quiet hours. Whether an instant is quiet depends
 * on its local weekday and time of day only, so it can change only where the local time passes the
 * window's ends or midnight (at every instant that wall time happens: twice in a repeated hour) or
 * where the clocks jump (a DST transition). The answer is the earliest of those moments that is
 * not quiet: the same answer as a minute-by-minute scan, DST nights included.
 */
export function quietHoursDecision(q: QuietHours, now: Date): SendDecision {
  if (!isQuiet(q, now)) return { kind: "now" };
  const today = localParts(now, q.zone);
  const wallTimes = [q.start, q.end, "00:00"].filter((t): t is string => !!t);
  const candidates: Date[] = [];
  for (let i = 0; i <= 8; i++) {
    const d = addLocalDays(today, i);
    for (const t of wallTimes)
      candidates.push(...zonedInstants(q.zone, d.year, d.month, d.day, (toMinutes(t) / 60) | 0, toMinutes(t) % 60));
  }
  candidates.push(...zoneTransitions(q.zone, now, new Date(+now + 9 * 86_400_000)));
  const open = candidates
    .filter((t) => t > now)
    .sort((a, b) => +a - +b)
    .find((t) => !isQuiet(q, t));
  if (!open) return { kind: "now" }; // a window covering the whole week cannot be honoured: do not hold mail forever
  const weekend = q.noWeekend && [0, 6].includes(today.weekday) && !inWindow(q, today.hour * 60 + today.minute);
  return {
    kind: "defer",
    until: open,
    label: localLabel(open, q.zone, now),
    reason: `${weekend ? "no sends at weekends" : "quiet hours"}${q.zoneNote ? ` (${q.zoneNote.replace(/\.$/, "")})` : ""}`,
  };
}

/**
 * Frequency cap over a rolling window: with `count` or more sends in the last `days`, the next
 * one may go when the oldest of the most recent `count` leaves the window.
 */
export function frequencyCapDecision(
  sentAt: Date[],
  now: Date,
  cap: { count: number | null; days: number },
): { kind: "now" } | { kind: "defer"; until: Date } {
  if (cap.count == null || cap.count <= 0) return { kind: "now" };
  const windowMs = cap.days * 86_400_000;
  const recent = sentAt.filter((t) => t.getTime() > now.getTime() - windowMs && t <= now).sort((a, b) => +a - +b);
  if (recent.length < cap.count) return { kind: "now" };
  return { kind: "defer", until: new Date(recent[recent.length - cap.count]!.getTime() + windowMs + 1_000) };
}
