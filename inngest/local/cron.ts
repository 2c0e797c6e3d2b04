/**
 * Next fire time of a 5-field cron ("m h dom mon dow"), optionally prefixed "TZ=Area/City",
 * evaluated in that zone (UTC by default). Supports *, lists, ranges and steps.
 */
type Spec = { zone: string; fields: Set<number>[]; domStar: boolean; dowStar: boolean };
const RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

function parseField(text: string, [lo, hi]: [number, number]): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(",")) {
    const [range, stepText] = part.split("/");
    const step = stepText ? Number(stepText) : 1;
    const [a, end] = range === "*" ? [lo, hi] : (range!.split("-").map(Number) as [number, number?]);
    const b = end ?? (stepText ? hi : a);
    if (![a, b, step].every(Number.isInteger) || a! < lo || b > hi || step < 1)
      throw new Error(`invalid cron field "${text}"`);
    for (let v = a!; v <= b; v += step) out.add(v);
  }
  return out;
}

export function parseCron(expr: string): Spec {
  let zone = "UTC";
  let rest = expr.trim();
  const tz = /^(?:TZ|CRON_TZ)=(\S+)\s+(.*)$/.exec(rest);
  if (tz) {
    zone = tz[1]!;
    rest = tz[2]!;
  }
  new Intl.DateTimeFormat("en-US", { timeZone: zone }); // throws on an unknown zone
  const parts = rest.split(/\s+/);
  if (parts.length !== 5) throw new Error(`cron "${expr}" must have 5 fields (minute hour day month weekday)`);
  const fields = parts.map((p, i) => parseField(p, RANGES[i]!));
  if (fields[4]!.has(7)) fields[4]!.add(0);
  return { zone, fields, domStar: parts[2] === "*", dowStar: parts[4] === "*" };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function localParts(date: Date, zone: string) {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      weekday: "short",
    });
    formatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(date).map((x) => [x.type, x.value]));
  const dow = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(p.weekday!);
  return { month: Number(p.month), day: Number(p.day), hour: Number(p.hour), minute: Number(p.minute), dow };
}

export function nextCronTime(expr: string, after: Date): Date {
  const { zone, fields, domStar, dowStar } = parseCron(expr);
  const [min, hour, dom, mon, dow] = fields as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  let t = Math.floor(after.getTime() / 60_000) * 60_000 + 60_000;
  const limit = t + 366 * 86_400_000 * 5;
  while (t < limit) {
    const l = localParts(new Date(t), zone);
    const dayOk = domStar || dowStar ? dom.has(l.day) && dow.has(l.dow) : dom.has(l.day) || dow.has(l.dow);
    if (!mon.has(l.month) || !dayOk) {
      t += (24 * 60 - l.hour * 60 - l.minute) * 60_000;
      continue;
    }
    if (!hour.has(l.hour)) {
      t += (60 - l.minute) * 60_000;
      continue;
    }
    if (!min.has(l.minute)) {
      t += 60_000;
      continue;
    }
    return new Date(t);
  }
  throw new Error(`cron "${expr}" never fires`);
}
