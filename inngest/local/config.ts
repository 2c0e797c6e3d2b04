import { parseCron } from "./cron";
import { parseDuration } from "./duration";
import { parseExpression } from "./expression";

/** A function config as the SDK reports it at sync (the parts the executor reads). */
export type FnConfig = {
  id: string;
  name?: string;
  triggers: ({ event: string; expression?: string } | { cron: string })[];
  steps: Record<string, { runtime: { url: string }; retries?: { attempts?: number } }>;
  cancel?: { event: string; if?: string; timeout?: string }[];
  concurrency?: { limit: number; key?: string; scope?: string } | { limit: number; key?: string; scope?: string }[];
  idempotency?: string;
  throttle?: { limit: number; period: string; key?: string; burst?: number };
  batchEvents?: { maxSize: number; timeout: string; key?: string; if?: string };
  [other: string]: unknown;
};

const SUPPORTED = new Set([
  "id",
  "name",
  "triggers",
  "steps",
  "cancel",
  "concurrency",
  "idempotency",
  "throttle",
  "batchEvents",
]);
export const UNSUPPORTED_NOTE =
  "rateLimit, debounce, priority, singleton, timeouts, concurrency scopes other than fn, several concurrency limits, throttle burst, batchEvents key and if, batchEvents with idempotency or throttle";

/** Every reason the embedded executor cannot run this function faithfully (empty when it can). */
export function configProblems(fn: FnConfig): string[] {
  const problems: string[] = [];
  const where = `function "${fn.id}"`;
  for (const [k, v] of Object.entries(fn)) {
    if (!SUPPORTED.has(k) && v !== undefined && v !== null)
      problems.push(`${where}: "${k}" is not supported by the embedded executor`);
  }
  const expr = (src: string | undefined, what: string) => {
    if (!src) return;
    try {
      parseExpression(src);
    } catch (e) {
      problems.push(`${where}: ${what}: ${(e as Error).message}`);
    }
  };
  for (const t of fn.triggers ?? []) {
    if ("cron" in t) {
      try {
        parseCron(t.cron);
      } catch (e) {
        problems.push(`${where}: ${(e as Error).message}`);
      }
    } else expr(t.expression, "trigger expression");
  }
  for (const c of fn.cancel ?? []) {
    expr(c.if, "cancelOn if");
    if (c.timeout && parseDuration(c.timeout) === null)
      problems.push(`${where}: cancelOn timeout "${c.timeout}" is not a duration`);
  }
  const conc = Array.isArray(fn.concurrency) ? fn.concurrency : fn.concurrency ? [fn.concurrency] : [];
  if (conc.length > 1) problems.push(`${where}: several concurrency limits are not supported by the embedded executor`);
  for (const c of conc) {
    if (c.scope && c.scope !== "fn")
      problems.push(`${where}: concurrency scope "${c.scope}" is not supported by the embedded executor`);
    expr(c.key, "concurrency key");
  }
  expr(fn.idempotency, "idempotency key");
  if (fn.throttle) {
    if (fn.throttle.burst && fn.throttle.burst > 1)
      problems.push(`${where}: throttle burst is not supported by the embedded executor`);
    if (parseDuration(fn.throttle.period) === null)
      problems.push(`${where}: throttle period "${fn.throttle.period}" is not a duration`);
    expr(fn.throttle.key, "throttle key");
  }
  if (fn.batchEvents) {
    const b = fn.batchEvents;
    if (!Number.isInteger(b.maxSize) || b.maxSize < 1)
      problems.push(`${where}: batchEvents maxSize must be a whole number of at least 1`);
    if (parseDuration(b.timeout) === null)
      problems.push(`${where}: batchEvents timeout "${b.timeout}" is not a duration`);
    if (b.key || b.if) problems.push(`${where}: batchEvents key and if are not supported by the embedded executor`);
    if (fn.idempotency || fn.throttle)
      problems.push(`${where}: batchEvents with idempotency or throttle is not supported by the embedded executor`);
  }
  if (!fn.steps?.step?.runtime?.url) problems.push(`${where}: no runtime url`);
  return problems;
}

export function concurrencyOf(fn: FnConfig) {
  return Array.isArray(fn.concurrency) ? fn.concurrency[0] : fn.concurrency;
}

/** Retries default to 3 (4 attempts), as in Inngest. */
export function maxAttemptsOf(fn: FnConfig): number {
  const retries = fn.steps?.step?.retries?.attempts;
  return (typeof retries === "number" ? retries : 3) + 1;
}

export function triggerMatches(pattern: string, name: string): boolean {
  if (pattern === name) return true;
  if (!pattern.includes("*")) return false;
  const re = new RegExp(
    `^${pattern
      .split("*")
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return re.test(name);
}
