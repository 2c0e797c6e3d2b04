import { contextZone } from "./zone";
import { addLocalDays, localParts, toMinutes, zonedInstant } from "../zoned-time";
import type { NodeExecutor } from "../runner/types";
import { sleepNode } from "./wait";

type Config = Parameters<NodeExecutor<"wait_until">>[0]["node"]["config"];
type DateFields = { birthday: string | null; createdAt: Date; firstVisitAt: Date | null; lastVisitAt: Date | null };

/** Pure: the next matching instant after `now` in `zone` (a weekday + local time, or a contact date ± days at a local time). */
export function waitUntilInstant(config: Config, zone: string, now: Date, contact: DateFields): Date | null {
  const hour = Math.floor(toMinutes(config.time) / 60),
    minute = toMinutes(config.time) % 60;
  if (config.mode === "weekday_time") {
    const today = localParts(now, zone);
    for (let i = 0; i <= 7; i++) {
      const d = addLocalDays(today, i);
      if (config.weekday != null && d.weekday !== config.weekday) continue;
      const t = zonedInstant(zone, d.year, d.month, d.day, hour, minute);
      if (t > now) return t;
    }
    return null;
  }
  const raw = contact[config.field];
  if (!raw) return null;
  const base =
    typeof raw === "string"
      ? { year: +raw.slice(0, 4), month: +raw.slice(5, 7), day: +raw.slice(8, 10) }
      : localParts(raw, zone);
  // A birthday recurs: take its next occurrence (this year or next) that is still ahead.
  const years =
    config.field === "birthday" ? [localParts(now, zone).year, localParts(now, zone).year + 1] : [base.year];
  for (const year of years) {
    const d = addLocalDays({ year, month: base.month, day: base.day }, config.offsetDays);
    const t = zonedInstant(zone, d.year, d.month, d.day, hour, minute);
    if (t > now || config.field !== "birthday") return t;
  }
  return null;
}

export const runWaitUntil: NodeExecutor<"wait_until"> = (rt) =>
  sleepNode(rt, async () => {
    const c = rt.context;
    const zone = contextZone(c);
    const now = rt.now();
    const t = c ? waitUntilInstant(rt.node.config, zone, now, c.contact) : null;
    // A missing date (or one already past) does not hold the run: it goes on at once.
    if (!t || t <= now) return { until: now, why: "no date to wait for" };
    return {
      until: t,
      why:
        rt.node.config.mode === "weekday_time"
          ? "wait for the chosen day and time"
          : `wait for ${rt.node.config.field} ${rt.node.config.offsetDays >= 0 ? "+" : ""}${rt.node.config.offsetDays} days`,
    };
  });
