// npm run bench:startup — how long until Tend answers 200 on /login.
//   cold_start_ms: empty data folder (initdb, migrations, demo seed, first 200)
//   warm_start_ms: existing data folder (median of 3 starts)
// Targets on a 2-core machine: warm < 3000 ms, cold < 20000 ms. The build is excluded.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildIfStale } from "../scripts/build-if-stale.mjs";

const PORT = Number(process.env.BENCH_PORT ?? 3210);
const TARGETS = { warm_start_ms: 3000, cold_start_ms: 20000 };

async function startAndTime(dataDir) {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(PORT), "-H", "127.0.0.1"],
    {
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(PORT),
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: "",
        TEND_DATA_DIR: dataDir,
        PGLITE_DIR: path.join(dataDir, "pglite"),
        TEND_DEMO: "1",
      },
    },
  );
  const exited = new Promise((resolve) => child.on("exit", resolve));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
      try {
        const response = await fetch(`http://127.0.0.1:${PORT}/login`, { redirect: "manual" });
        if (response.status === 200) return Math.round(performance.now() - started);
      } catch {
        // Not listening yet.
      }
      if (performance.now() - started > 120_000) throw new Error("No 200 from /login within 120 s");
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}

buildIfStale();
const dataDir = mkdtempSync(path.join(tmpdir(), "tend-bench-"));
try {
  const cold = await startAndTime(dataDir);
  console.log(`cold start: ${cold} ms (target < ${TARGETS.cold_start_ms})`);
  const warmRuns = [];
  for (let i = 0; i < 3; i++) warmRuns.push(await startAndTime(dataDir));
  const warm = [...warmRuns].sort((a, b) => a - b)[1];
  console.log(`warm starts: ${warmRuns.join(", ")} ms (median ${warm}, target < ${TARGETS.warm_start_ms})`);
  const result = {
    warm_start_ms: warm,
    cold_start_ms: cold,
    warm_target_ms: TARGETS.warm_start_ms,
    cold_target_ms: TARGETS.cold_start_ms,
    within_target: warm < TARGETS.warm_start_ms && cold < TARGETS.cold_start_ms,
  };
  console.log(JSON.stringify(result));
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
