// npm run bench:executor — 1,000 runs of a 5-step function (3 step.run, a 1 s sleep, a step.sendEvent)
// through the real SDK serve handler and the embedded executor. PostgreSQL when DATABASE_URL is
// set, PGlite (in a temporary folder) otherwise. The last line printed is the JSON result.
import { and, count, eq } from "drizzle-orm";
import { executorEvents, executorRuns } from "@/db/schema";
import { startHarness, testClient } from "@/tests/executor/harness";
import { openBenchDatabase } from "./support";

const RUNS = Number(process.env.BENCH_RUNS ?? 1000);
const STEPS_PER_RUN = 5;

// One rank above support's nearest-rank p95 (index ⌊0.95·n⌋), rounded to whole ms and 0 when empty:
// kept as it was so these numbers stay comparable with earlier runs.
function p95(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!);
}

async function main() {
  const { handle, driver, cleanup } = await openBenchDatabase("executor", { pglite: "temp" });
  const postgres = driver === "postgres";
  const executions = new Map<string, number>();
  const made = testClient(`bench-${Date.now()}`);
  const fn = made.client.createFunction(
    { id: "five-steps", triggers: [{ event: "bench/start" }] },
    async ({ event, runId, step }) => {
      const once = (name: string) => executions.set(`${runId}:${name}`, (executions.get(`${runId}:${name}`) ?? 0) + 1);
      const a = await step.run("one", () => (once("one"), 1));
      const b = await step.run("two", () => (once("two"), a + 1));
      await step.run("three", () => (once("three"), b + 1));
      await step.sleep("pause", "1s");
      await step.sendEvent("announce", { name: "bench/done", data: { i: event.data.i } });
      return "ok";
    },
  );
  const dispatch: number[] = [];
  const sleepLate: number[] = [];
  const h = await startHarness(handle.db, made, [fn], {
    maxInFlight: Number(process.env.BENCH_IN_FLIGHT ?? (postgres ? 16 : 8)),
  });
  h.executor.opts.onCall = (run, startedAt) => {
    if (run.dueAt) dispatch.push(startedAt.getTime() - run.dueAt.getTime());
    if (run.waitingFor?.kind === "sleep")
      sleepLate.push(startedAt.getTime() - new Date(run.waitingFor.until).getTime());
  };
  const started = Date.now();
  for (let i = 0; i < RUNS; i += 100) {
    await h.send(
      Array.from({ length: Math.min(100, RUNS - i) }, (_, j) => ({ name: "bench/start", data: { i: i + j } })),
    );
  }
  const done = async () => {
    const [row] = await handle.db
      .select({ n: count() })
      .from(executorRuns)
      .where(and(eq(executorRuns.env, h.env), eq(executorRuns.status, "completed")));
    return row!.n;
  };
  const deadline = Date.now() + 15 * 60_000;
  while ((await done()) < RUNS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  const seconds = (Date.now() - started) / 1000;
  await h.settle();
  const completed = await done();
  const [sent] = await handle.db
    .select({ n: count() })
    .from(executorEvents)
    .where(and(eq(executorEvents.env, h.env), eq(executorEvents.name, "bench/done")));
  const duplicated = [...executions.values()].filter((n) => n !== 1).length;
  const lost = RUNS - completed + (RUNS * 3 - executions.size) + (RUNS - sent!.n);
  await h.close();
  await cleanup();
  const result = {
    driver,
    runs: RUNS,
    seconds: Number(seconds.toFixed(1)),
    steps_per_s: Math.round((RUNS * STEPS_PER_RUN) / seconds),
    dispatch_p95_ms: p95(dispatch),
    sleep_late_p95_ms: p95(sleepLate),
    lost_or_duplicated: lost + duplicated,
  };
  console.log(`command: ${postgres ? "DATABASE_URL=… " : ""}npm run bench:executor`);
  console.log(JSON.stringify(result));
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
