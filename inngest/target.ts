import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DATA_DIR } from "@/db/config";

/**
 * Which Inngest Tend talks to, chosen from the environment:
 * Cloud / self-hosted (both keys), a dev server (INNGEST_DEV=<url>), or the embedded executor.
 */
export type InngestTarget =
  | { kind: "cloud" }
  | { kind: "dev"; url: string }
  | { kind: "embedded"; signingKey: string; eventKey: string; clockKey: string; internalUrl: string };

export type ExecutorKeys = { signingKey: string; eventKey: string; clockKey: string };

const keysFile = () =>
  path.join(
    /*turbopackIgnore: true*/ process.env.TEND_DATA_DIR ? path.resolve(process.env.TEND_DATA_DIR) : DATA_DIR,
    "executor-keys.json",
  );

/** The embedded executor's keys, generated once and kept in the data folder (mode 0600). */
export function executorKeys(env: NodeJS.ProcessEnv = process.env): ExecutorKeys {
  if (env.TEND_EXECUTOR_SIGNING_KEY && env.TEND_EXECUTOR_EVENT_KEY) {
    return {
      signingKey: env.TEND_EXECUTOR_SIGNING_KEY,
      eventKey: env.TEND_EXECUTOR_EVENT_KEY,
      clockKey: env.TEND_EXECUTOR_CLOCK_KEY ?? env.TEND_EXECUTOR_EVENT_KEY,
    };
  }
  const file = keysFile();
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as ExecutorKeys;
  const keys: ExecutorKeys = {
    signingKey: `signkey-local-${randomBytes(32).toString("hex")}`,
    eventKey: randomBytes(24).toString("hex"),
    clockKey: randomBytes(24).toString("hex"),
  };
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, JSON.stringify(keys), { mode: 0o600, flag: "wx" });
  } catch (e) {
    // Another bundle of this process wrote it first: use theirs.
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return JSON.parse(readFileSync(file, "utf8")) as ExecutorKeys;
    throw e;
  }
  return keys;
}

export function internalBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.TEND_INTERNAL_URL ?? `http://127.0.0.1:${env.PORT || 3000}`).replace(/\/+$/, "");
}

export function inngestTarget(env: NodeJS.ProcessEnv = process.env): InngestTarget {
  // `next build` evaluates route modules: it must not generate keys in the data folder.
  if (env.NEXT_PHASE === "phase-production-build")
    return {
      kind: "embedded",
      signingKey: "signkey-build-0",
      eventKey: "build",
      clockKey: "build",
      internalUrl: internalBaseUrl(env),
    };
  if (env.INNGEST_EVENT_KEY && env.INNGEST_SIGNING_KEY) return { kind: "cloud" };
  const dev = env.INNGEST_DEV?.trim();
  if (dev && dev !== "0" && dev !== "false")
    return { kind: "dev", url: /^https?:/.test(dev) ? dev : "http://localhost:8288" };
  return { kind: "embedded", ...executorKeys(env), internalUrl: internalBaseUrl(env) };
}

let cached: InngestTarget | undefined;
export function currentTarget(): InngestTarget {
  if (process.env.NEXT_PHASE === "phase-production-build") return inngestTarget();
  cached ??= inngestTarget();
  return cached;
}
