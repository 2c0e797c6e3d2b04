import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executorCrons, executorEvents, executorRuns, executorSteps } from "@/db/schema";
import { clockNow } from "@/inngest/local/clock";
import { Executor } from "@/inngest/local/executor";
import { concurrency, conformanceFunctions, counters, failures } from "../executor/functions";
import { startHarness, testClient, type Harness } from "../executor/harness";
import { setupTestDb } from "./helpers";

const getDb = setupTestDb();
let h: Harness;
let appId: string;

const k = () => randomUUID();
async function runsOf(fn: string) {
  return getDb()
    .select()
    .from(executorRuns)
    .where(and(eq(executorRuns.env, h.env), eq(executorRuns.functionId, `${appId}-${fn}`)));
}
async function runFor(fn: string, key: string) {
  const runs = await runsOf(fn);
  const run = runs.find((r) => (r.event as { data: { k?: string } }).data.k === key);
  if (!run) throw new Error(`no run of ${fn} for ${key}`);
  return run;
}
async function stepsOf(runId: string) {
  return getDb().select().from(executorSteps).where(eq(executorSteps.runId, runId));
}

// Twice: the app's own executor hands calls to the serve handler in process (served-here.ts);
// an app in another process is called over HTTP. The protocol is the same either way.
describe.each([
  { way: "in process", overHttp: false },
  { way: "over loopback HTTP", overHttp: true },
])("embedded executor, through the real SDK serve handler ($way)", ({ overHttp }) => {
  beforeAll(async () => {
    const made = testClient();
    appId = made.client.id;
    h = await startHarness(getDb(), made, conformanceFunctions(made.client), { overHttp });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("memoizes step.run: each step runs once and the run completes with their results", async () => {
    const key = k();
    await h.send({ name: "conf/steps", data: { k: key } });
    await h.settle();
    const run = await runFor("steps", key);
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ a: 1, b: 2, c: 3 });
    expect([counters.get(`a:${key}`), counters.get(`b:${key}`), counters.get(`c:${key}`)]).toEqual([1, 1, 1]);
    expect((await stepsOf(run.id)).map((s) => s.status)).toEqual(["completed", "completed", "completed"]);
  });

  it("step.sleep and step.sleepUntil are durable timers woken by the clock", async () => {
    const key = k();
    const until = new Date(clockNow().getTime() + 2 * 86_400_000).toISOString();
    await h.send({ name: "conf/sleep", data: { k: key, until } });
    await h.settle();
    let run = await runFor("sleeper", key);
    expect(run.status).toBe("sleeping");
    expect(run.waitingFor?.kind).toBe("sleep");
    await h.advance("1h");
    run = await runFor("sleeper", key);
    expect(run.status).toBe("sleeping");
    expect(run.waitingFor?.until).toBe(until);
    await h.advance("2d");
    run = await runFor("sleeper", key);
    expect(run.status).toBe("completed");
    expect(counters.get(`before:${key}`)).toBe(1);
    expect(counters.get(`after:${key}`)).toBe(1);
  });

  it("step.waitForEvent resumes with the event that matches its `if`, not another", async () => {
    const key = k();
    await h.send({ name: "conf/wait", data: { k: key } });
    await h.settle();
    expect((await runFor("waiter", key)).status).toBe("waiting");
    await h.send({ name: "conf/approved", data: { k: "someone-else", by: "mallory" } });
    await h.settle();
    expect((await runFor("waiter", key)).status).toBe("waiting");
    await h.send({ name: "conf/approved", data: { k: key, by: "alice" } });
    await h.settle();
    const run = await runFor("waiter", key);
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ approvedBy: "alice" });
  });

  it("step.waitForEvent looks forward: an event received before the wait began does not satisfy it", async () => {
    const key = k();
    await h.send({ name: "conf/wait", data: { k: key } });
    await h.settle();
    // Received a minute before the wait, handed over late (say by a slow second instance).
    const receivedAt = new Date(clockNow().getTime() - 60_000);
    await getDb()
      .insert(executorEvents)
      .values({
        env: h.env,
        id: `early-${key}`,
        name: "conf/approved",
        data: { k: key, by: "early" },
        ts: receivedAt.getTime(),
        receivedAt,
      });
    await h.send({ name: "conf/nudge", data: {} });
    await h.settle();
    expect((await runFor("waiter", key)).status).toBe("waiting");
    await h.send({ name: "conf/approved", data: { k: key, by: "on-time" } });
    await h.settle();
    expect((await runFor("waiter", key)).output).toEqual({ approvedBy: "on-time" });
  });

  it("step.waitForEvent times out with null", async () => {
    const key = k();
    await h.send({ name: "conf/wait", data: { k: key } });
    await h.settle();
    await h.advance("25h");
    const run = await runFor("waiter", key);
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ approvedBy: null });
  });

  it("cancelOn cancels a sleeping run on a matching event; a cancelOn with a timeout expires", async () => {
    const key = k(),
      other = k();
    await h.send([
      { name: "conf/cancellable", data: { k: key } },
      { name: "conf/cancellable", data: { k: other } },
    ]);
    await h.settle();
    await h.send({ name: "conf/stop", data: { k: key } });
    await h.settle();
    expect((await runFor("cancellable", key)).status).toBe("cancelled");
    expect((await runFor("cancellable", other)).status).toBe("sleeping");
    await h.advance("2h");
    await h.send({ name: "conf/stop-soon", data: { k: other } });
    await h.advance("1d");
    expect((await runFor("cancellable", other)).status).toBe("completed");
  });

  it("retries a failing step with backoff, then succeeds; attempts are recorded", async () => {
    const key = k();
    await h.send({ name: "conf/flaky", data: { k: key } });
    await h.settle();
    let run = await runFor("flaky", key);
    expect(run.status).toBe("queued");
    expect(run.waitingFor?.kind).toBe("retry");
    await h.advance("1m");
    await h.advance("1m");
    run = await runFor("flaky", key);
    expect(run.status).toBe("completed");
    expect(run.output).toBe("ok");
    const [step] = await stepsOf(run.id);
    expect(step!.attempts).toBe(3);
  });

  it("exhausted retries fail the run and run onFailure with inngest/function.failed", async () => {
    const key = k();
    await h.send({ name: "conf/doomed", data: { k: key } });
    await h.settle();
    await h.advance("1m");
    const run = await runFor("doomed", key);
    expect(run.status).toBe("failed");
    expect(run.error?.message).toContain("boom");
    const seen = failures.find((f) => (f as { run_id: string }).run_id === run.id) as {
      function_id: string;
      event: { data: { k: string } };
    };
    expect(seen.function_id).toBe(`${appId}-doomed`);
    expect(seen.event.data.k).toBe(key);
  });

  it("NonRetriableError fails at once, without retries", async () => {
    const key = k();
    await h.send({ name: "conf/nonretriable", data: { k: key } });
    await h.settle();
    const run = await runFor("non-retriable", key);
    expect(run.status).toBe("failed");
    expect(counters.get(`nr:${key}`)).toBe(1);
  });

  it("honours retry-after from RetryAfterError", async () => {
    const key = k();
    await h.send({ name: "conf/retry-after", data: { k: key } });
    await h.settle();
    const [run] = await runsOf("retry-after");
    expect(run!.status).toBe("queued");
    const delay = run!.dueAt!.getTime() - clockNow().getTime();
    expect(delay).toBeGreaterThan(110 * 60_000);
    expect(delay).toBeLessThanOrEqual(120 * 60_000);
  });

  it("survives a restart: a sleeping run resumes on a new executor and no stored step runs again", async () => {
    const key = k();
    const until = new Date(clockNow().getTime() + 3_600_000).toISOString();
    await h.send({ name: "conf/sleep", data: { k: key, until } });
    await h.settle();
    await h.restart();
    await h.advance("2h");
    const run = await runFor("sleeper", key);
    expect(run.status).toBe("completed");
    expect([counters.get(`before:${key}`), counters.get(`after:${key}`)]).toEqual([1, 1]);
  });

  it("runs parallel steps (StepPlanned) once each", async () => {
    const key = k();
    await h.send({ name: "conf/parallel", data: { k: key } });
    await h.settle();
    const run = await runFor("parallel", key);
    expect(run.status).toBe("completed");
    expect(run.output).toBe(30);
    expect([counters.get(`x:${key}`), counters.get(`y:${key}`)]).toEqual([1, 1]);
  });

  it("honours a concurrency limit per key", async () => {
    const group = k();
    await h.send([1, 2, 3, 4].map((i) => ({ name: "conf/limited", data: { group, i } })));
    await h.settle();
    const runs = (await runsOf("limited")).filter((r) => (r.event as { data: { group: string } }).data.group === group);
    expect(runs.map((r) => r.status)).toEqual(["completed", "completed", "completed", "completed"]);
    expect(concurrency.max).toBe(1);
  });

  it("two executors on one database share the work without running a step twice", async () => {
    const second = new Executor({ ...h.executor.opts });
    await second.start({ sync: false });
    try {
      const keys = Array.from({ length: 12 }, () => k());
      await h.send(keys.map((key) => ({ name: "conf/steps", data: { k: key } })));
      // A call that loses a race between the two is retried a second later, when neither is busy:
      // settle until every run is done (or the deadline), then check nothing ran twice.
      const deadline = Date.now() + 20_000;
      do {
        await Promise.all([h.settle(), second.whenIdle()]);
        await h.settle();
        if ((await Promise.all(keys.map((key) => runFor("steps", key)))).every((r) => r.status === "completed")) break;
        await new Promise((r) => setTimeout(r, 250));
      } while (Date.now() < deadline);
      for (const key of keys) {
        expect((await runFor("steps", key)).status).toBe("completed");
        expect([counters.get(`a:${key}`), counters.get(`b:${key}`), counters.get(`c:${key}`)]).toEqual([1, 1, 1]);
      }
    } finally {
      await second.stop();
    }
  });

  it("ignores a duplicate event id", async () => {
    const key = k(),
      id = `dup-${key}`;
    await h.send({ name: "conf/steps", id, data: { k: key } });
    await h.send({ name: "conf/steps", id, data: { k: key } });
    await h.settle();
    expect((await runsOf("steps")).filter((r) => r.eventId === id)).toHaveLength(1);
  });

  it("step.sendEvent triggers other functions", async () => {
    const key = k();
    await h.send({ name: "conf/send", data: { k: key } });
    await h.settle();
    expect(counters.get(`received:${key}`)).toBe(1);
  });

  it("matches wildcard triggers with an expression", async () => {
    const key = k();
    await h.send([
      { name: "conf/wild.small", data: { k: key, amount: 5 } },
      { name: "conf/wild.big", data: { k: key, amount: 50 } },
    ]);
    await h.settle();
    const runs = (await runsOf("wild")).filter((r) => (r.event as { data: { k: string } }).data.k === key);
    expect(runs.map((r) => r.output)).toEqual(["conf/wild.big"]);
  });

  it("idempotency: one run per key within 24 h", async () => {
    const userId = k();
    await h.send([
      { name: "conf/once", data: { userId } },
      { name: "conf/once", data: { userId } },
    ]);
    await h.settle();
    expect(
      (await runsOf("once")).filter((r) => (r.event as { data: { userId: string } }).data.userId === userId),
    ).toHaveLength(1);
  });

  it("throttle delays the second start to the next period", async () => {
    const key = k();
    await h.send({ name: "conf/throttled", data: { k: key } });
    await h.send({ name: "conf/throttled", data: { k: key } });
    await h.settle();
    const runs = (await runsOf("throttled")).filter((r) => (r.event as { data: { k: string } }).data.k === key);
    expect(runs.map((r) => r.status).sort()).toEqual(["completed", "queued"]);
    await h.advance("61m");
    const after = (await runsOf("throttled")).filter((r) => (r.event as { data: { k: string } }).data.k === key);
    expect(after.map((r) => r.status)).toEqual(["completed", "completed"]);
  });

  it("batchEvents: a burst is handled in runs of at most maxSize, one organisation each; a lone event makes a batch of its own", async () => {
    const [orgA, orgB] = [randomUUID(), randomUUID()];
    const keysA = Array.from({ length: 7 }, () => k());
    const keyB = k();
    await h.send([
      ...keysA.slice(0, 4).map((key) => ({ name: "conf/batched", data: { k: key, orgId: orgA } })),
      { name: "conf/batched", data: { k: keyB, orgId: orgB } },
      ...keysA.slice(4).map((key) => ({ name: "conf/batched", data: { k: key, orgId: orgA } })),
    ]);
    await h.settle();
    const ofA = (await runsOf("batched")).filter((r) => r.orgId === orgA);
    const ofB = (await runsOf("batched")).filter((r) => r.orgId === orgB);
    expect(ofA.map((r) => (r.output as string[]).length).sort()).toEqual([1, 3, 3]);
    expect(ofA.every((r) => r.status === "completed")).toBe(true);
    expect(ofA.flatMap((r) => r.output as string[]).sort()).toEqual([...keysA].sort());
    expect(ofB.map((r) => r.output)).toEqual([[keyB]]);
    expect([...keysA, keyB].map((key) => counters.get(`batched:${key}`))).toEqual(Array(8).fill(1));
    // The run's event is its batch's first: what the console shows and cancelOn reads.
    expect(ofA.map((r) => (r.event as { data: { k: string } }).data.k).sort()).toEqual(
      ofA.map((r) => (r.output as string[])[0]).sort(),
    );

    const lone = k();
    await h.send({ name: "conf/batched", data: { k: lone, orgId: orgA } });
    await h.settle();
    const loneRun = (await runsOf("batched")).find((r) => (r.output as string[] | null)?.includes(lone));
    expect(loneRun?.output).toEqual([lone]);
  });

  it("refuses a step output over 4 MB with a clear error", async () => {
    await h.send({ name: "conf/big", data: {} });
    await h.settle();
    const [run] = await runsOf("big-output");
    expect(run!.status).toBe("failed");
    const [step] = await stepsOf(run!.id);
    expect(step!.error?.message).toMatch(/over the 4 MB limit/);
  });

  it("fires a cron in its time zone", async () => {
    const [cron] = await getDb()
      .select()
      .from(executorCrons)
      .where(and(eq(executorCrons.env, h.env), eq(executorCrons.functionId, `${appId}-morning`)));
    const local = new Intl.DateTimeFormat("en-GB", {
      timeZone: "America/New_York",
      hour: "2-digit",
      minute: "2-digit",
    }).format(cron!.nextAt);
    expect(local).toBe("09:00");
    await h.advance("25h");
    const runs = await runsOf("morning");
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs[0]!.output).toBe("inngest/scheduled.timer");
  });

  it("refuses malformed and oversized events with a clear message", async () => {
    const post = (body: string) =>
      fetch(`${h.url}/e/${(h.client as unknown as { eventKey: string }).eventKey}`, { method: "POST", body });
    const bad = await post(JSON.stringify([{ data: {} }]));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/"name" must be a non-empty string/);
    const big = await post(JSON.stringify([{ name: "conf/huge", data: { blob: "x".repeat(600 * 1024) } }]));
    expect(big.status).toBe(413);
    expect((await big.json()).error).toMatch(/over the 512 KB limit/);
    const wrongKey = await fetch(`${h.url}/e/nope`, { method: "POST", body: "[]" });
    expect(wrongKey.status).toBe(401);
  });

  it("rejects unsupported function config at sync, naming the option", async () => {
    const made = testClient();
    const fn = made.client.createFunction(
      { id: "debounced", debounce: { period: "5s" }, triggers: [{ event: "conf/debounced" }] },
      async () => "x",
    );
    await expect(startHarness(getDb(), made, [fn])).rejects.toThrow(
      /"debounce" is not supported by the embedded executor/,
    );
    const keyed = testClient();
    const byKey = keyed.client.createFunction(
      {
        id: "keyed-batch",
        batchEvents: { maxSize: 5, timeout: "1s", key: "event.data.k" },
        triggers: [{ event: "conf/x" }],
      },
      async () => "x",
    );
    await expect(startHarness(getDb(), keyed, [byKey])).rejects.toThrow(/batchEvents key and if are not supported/);
  });
});
