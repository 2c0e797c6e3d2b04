// A test app for the crash test: PGlite in CRASH_DIR (or PostgreSQL at CRASH_DATABASE_URL), the
// real SDK serve handler, the embedded executor, and two helper routes (/advance, /status). Every step execution is appended to
// CRASH_DIR/steps.log, which survives kill -9. CRASH_PHASE=1 makes the "slow" step hang.
import { appendFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { eq } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { executorRuns } from "@/db/schema";
import { advanceClock } from "@/inngest/local/clock";
import { parseDuration } from "@/inngest/local/duration";
import { startHarness, testClient } from "./harness";

const dir = process.env.CRASH_DIR!;
const log = (runId: string, step: string) => appendFileSync(path.join(dir, "steps.log"), `${runId} ${step}\n`);

async function main() {
  const pgUrl = process.env.CRASH_DATABASE_URL;
  const env = process.env.CRASH_ENV ?? "crash";
  const handle = await openDatabase(
    pgUrl ? { kind: "postgres", url: pgUrl } : { kind: "pglite", dir: path.join(dir, "pglite") },
  );
  const made = testClient("crash", { signingKey: "signkey-test-crash0001", eventKey: "crash-key" });
  const { client } = made;
  const sleepy = client.createFunction(
    { id: "sleepy", triggers: [{ event: "crash/sleepy" }] },
    async ({ event, runId, step }) => {
      await step.run("before", () => log(runId, "before"));
      await step.sleep("nap", (event.data as { nap?: string }).nap ?? "1h");
      await step.run("after", () => log(runId, "after"));
    },
  );
  const slow = client.createFunction({ id: "slow", triggers: [{ event: "crash/slow" }] }, async ({ runId, step }) => {
    await step.run("first", () => log(runId, "first"));
    await step.run("slow-step", async () => {
      log(runId, "slow-start");
      if (process.env.CRASH_PHASE === "1") await new Promise((r) => setTimeout(r, 600_000));
    });
    await step.run("last", () => log(runId, "last"));
  });
  const h = await startHarness(handle.db, made, [sleepy, slow], {
    env,
    port: Number(process.env.CRASH_PORT),
    // PGlite is one process: a killed process's leases are released at once. PostgreSQL may have
    // other live instances, so there the short lease of this test must run out instead.
    releaseLeasesAtStart: !pgUrl,
    leaseMs: pgUrl ? 3_000 : undefined,
  });
  const control = createServer((req, res) => {
    void (async () => {
      if (req.url?.startsWith("/advance")) {
        await advanceClock(handle.db, parseDuration(new URL(req.url, "http://x").searchParams.get("d")!)!);
        h.executor.wake();
        return res.end("ok");
      }
      const runs = await handle.db
        .select({ id: executorRuns.id, fn: executorRuns.functionId, status: executorRuns.status })
        .from(executorRuns)
        .where(eq(executorRuns.env, env));
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(runs));
    })();
  });
  control.listen(Number(process.env.CRASH_CONTROL_PORT), "127.0.0.1", () => console.log("ready"));
}

void main();
