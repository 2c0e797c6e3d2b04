// Builds the app unless .next already holds a build newer than every source file.
import { existsSync, readdirSync, statSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";

const SOURCES = [
  "app",
  "components",
  "lib",
  "db",
  "inngest",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "server-boot.ts",
  "next.config.ts",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
];

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce(
    (newest, name) => Math.max(newest, newestMtime(path.join(entry, name))),
    stat.mtimeMs,
  );
}

export function buildIsFresh() {
  const marker = ".next/BUILD_ID";
  if (!existsSync(marker)) return false;
  const built = statSync(marker).mtimeMs;
  return SOURCES.every((entry) => newestMtime(entry) <= built);
}

export function buildIfStale({ force = false } = {}) {
  if (!force && buildIsFresh()) {
    console.log("[tend] The build is up to date.");
    return;
  }
  console.log("[tend] Building Tend (next build)…");
  const result = spawnSync(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
