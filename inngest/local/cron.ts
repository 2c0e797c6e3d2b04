import { Cron } from "croner";

/**
 * Cron triggers as the SDK reports them: 5 fields ("m h dom mon dow"), optionally prefixed
 * "TZ=Area/City" (or CRON_TZ=), evaluated in that zone (UTC by default). Parsing and the next fire
 * time are croner's: it handles DST gaps and repeated hours (a fixed-time job in a gap runs at the
 * first valid time after it, and once when an hour repeats), names (MON, JAN), `L`, and the
 * day-of-month/day-of-week OR rule of Vixie cron, with tests for the edge cases others found.
 */
export type CronSpec = { zone: string; cron: Cron };

export function parseCron(expr: string): CronSpec {
  let zone = "UTC";
  let rest = expr.trim();
  const tz = /^(?:TZ|CRON_TZ)=(\S+)\s+(.*)$/.exec(rest);
  if (tz) {
    zone = tz[1]!;
    rest = tz[2]!.trim();
  }
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
  } catch {
    throw new Error(`cron "${expr}": unknown time zone "${zone}"`);
  }
  if (rest.split(/\s+/).length !== 5)
    throw new Error(`cron "${expr}" must have 5 fields (minute hour day month weekday)`);
  try {
    // sloppyRanges keeps "5/15" (from 5, every 15) working, as the hand-written parser allowed.
    return { zone, cron: new Cron(rest, { timezone: zone, mode: "5-part", paused: true, sloppyRanges: true }) };
  } catch (e) {
    throw new Error(`invalid cron "${expr}": ${(e as Error).message}`);
  }
}

/** The first fire time strictly after `after`. */
export function nextCronTime(expr: string, after: Date): Date {
  const next = parseCron(expr).cron.nextRun(after);
  if (!next) throw new Error(`cron "${expr}" never fires`);
  return next;
}
