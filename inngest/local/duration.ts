const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Parses Inngest durations ("1h", "1m30s", "1w") to milliseconds; null when not one. */
export function parseDuration(text: string): number | null {
  const parts = text.trim().match(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g);
  if (!parts || parts.join("") !== text.trim()) return null;
  return parts.reduce((sum, p) => {
    const [, n, unit] = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/.exec(p)!;
    return sum + Number(n) * UNITS[unit!]!;
  }, 0);
}

/** A Sleep op's name: a duration or an ISO date. Returns the wake time. */
export function sleepUntil(name: string, now: Date): Date {
  const ms = parseDuration(name);
  if (ms !== null) return new Date(now.getTime() + ms);
  const date = new Date(name);
  if (Number.isNaN(date.getTime())) throw new Error(`cannot read the sleep "${name}" as a duration or a date`);
  return date;
}
