import { createHash, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executorRuns, executorSteps } from "@/db/schema";
import { clockNow } from "@/inngest/local/clock";
import { Executor } from "@/inngest/local/executor";
import { storeEvents } from "@/inngest/local/ingest";
import { startHarness, testClient, type Harness } from "../executor/harness";
import { setupTestDb } from "./helpers";

// Issue 13 §2: the executor never stalls after a crash. Each test builds the state a crash (or a
// hung app) leaves behind directly in the database and proves that the work still finishes.

const getDb = setupTestDb();
const counters = new Map<string, number>();
const bump = (k: string) => counters.set(k, (counters.get(k) ?? 0) + 1).get(k)!;
const hash = (id: string) => createHash("sha1").update(id).digest("hex");

let h: Harness;
let appId: string;

beforeAll(async () => {
  const made = testClient();
  appId = made.client.id;
  const { client } = made;
  h = await startHarness(getDb(), made, [
    client.createFunction({ id: "halfway", triggers: [{ event: "stall/halfway" }] }, async ({ event, step }) => {
      const k = String(event.data.k);
      const a = await step.run("a", () => bump(`a:${k}`));
      await step.sleep("nap", "1h");
      const b = await step.run("b", () => `b${bump(`b:${k}`)}`);
      const c = await step.run("c", () => bump(`c:${k}`));
      return { a, b, c };
    }),
    client.createFunction({ id: "first", triggers: [{ event: "stall/first" }] }, async ({ event, step }) => {
      const k = String(event.data.k);
      const a = await step.run("a", () => `a${bump(`a:${k}`)}`);
      const b = await step.run("b", () => bump(`b:${k}`));
      return { a, b };
    }),
  ]);
});
afterAll(async () => {
  await h?.close();
});

async function runOf(fn: string, k: string) {
  const rows = await getDb()
    .select()
    .from(executorRuns)
    .where(and(eq(executorRuns.env, h.env), eq(executorRuns.functionId, `${appId}-${fn}`)));
  const run = rows.find((r) => (r.event as { data: { k?: string } }).data.k === k);
  if (!run) throw new Error(`no run of ${fn} for ${k}`);
  return run;
}

/** Settles until the run has ended (a retried call is due a few seconds later), or the deadline. */
async function untilEnded(fn: string, k: string, ms = 60_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    await h.settle();
    const run = await runOf(fn, k);
    if (!["queued", "running", "sleeping", "waiting"].includes(run.status) || Date.now() > deadline) return run;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("a crash between a step's result and the run's state", () => {
  it("a step recorded without its place in the run's stack is repaired: the run finishes and the step never runs again", async () => {
    const k = randomUUID();
    await h.send({ name: "stall/halfway", data: { k } });
    await h.settle();
    const sleeping = await runOf("halfway", k);
    expect(sleeping.status).toBe("sleeping");
    expect(sleeping.stack).toEqual([hash("a")]);

    // What an older executor left when killed between its two writes: the run was claimed after
    // its nap ended (the nap memoized, the stack [a, nap]), step b ran and its row was written,
    // and the process died before the run's stack named b. Its lease has run out.
    const past = new Date(clockNow().getTime() - 5_000);
    await getDb().transaction(async (tx) => {
      await tx
        .update(executorSteps)
        .set({ status: "completed", output: null, endedAt: past })
        .where(and(eq(executorSteps.runId, sleeping.id), eq(executorSteps.stepId, hash("nap"))));
      await tx.insert(executorSteps).values({
        runId: sleeping.id,
        stepId: hash("b"),
        position: 200,
        name: "b",
        op: "StepRun",
        status: "completed",
        output: "b-before-the-crash",
        startedAt: past,
        endedAt: past,
      });
      await tx
        .update(executorRuns)
        .set({
          status: "running",
          stack: [hash("a"), hash("nap")],
          waitingFor: null,
          dueAt: past,
          leaseUntil: new Date(Date.now() - 1_000),
        })
        .where(eq(executorRuns.id, sleeping.id));
    });
    h.executor.wake();

    const run = await untilEnded("halfway", k);
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ a: 1, b: "b-before-the-crash", c: 1 });
    expect(run.stack).toEqual([hash("a"), hash("nap"), hash("b"), hash("c")]);
    // b had run before the crash: it must not run again.
    expect([counters.get(`a:${k}`), counters.get(`b:${k}`), counters.get(`c:${k}`)]).toEqual([1, undefined, 1]);
  });

  it("a first call's step recorded before the run was marked started is not run again", async () => {
    const k = randomUUID();
    // An older executor killed after writing the first step's row of a run's first call: the run
    // still reads as never started (started_at null, empty stack).
    const past = new Date(clockNow().getTime() - 5_000);
    const runId = randomUUID();
    // Written while no executor runs; the repair of rows written by older versions runs when one starts.
    await h.restart(() =>
      getDb().transaction(async (tx) => {
        await tx.insert(executorRuns).values({
          id: runId,
          env: h.env,
          functionId: `${appId}-first`,
          eventId: `first-${k}`,
          event: { id: `first-${k}`, name: "stall/first", data: { k }, ts: past.getTime() },
          status: "running",
          maxAttempts: 4,
          dueAt: past,
          leaseUntil: new Date(Date.now() - 1_000),
          createdAt: past,
        });
        await tx.insert(executorSteps).values({
          runId,
          stepId: hash("a"),
          position: 0,
          name: "a",
          op: "StepRun",
          status: "completed",
          output: "a-before-the-crash",
          startedAt: past,
          endedAt: past,
        });
      }),
    );
    const run = await untilEnded("first", k);
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ a: "a-before-the-crash", b: 1 });
    expect([counters.get(`a:${k}`), counters.get(`b:${k}`)]).toEqual([undefined, 1]);
  });
});

/** Polls (without waiting for the executor to be idle: a hung call never is) until check() holds or the deadline. */
async function until<T>(read: () => Promise<T>, check: (v: T) => boolean, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (check(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function runsOfFn(harness: Harness, functionId: string) {
  return getDb()
    .select()
    .from(executorRuns)
    .where(and(eq(executorRuns.env, harness.env), eq(executorRuns.functionId, functionId)));
}

describe("a call the app never answers", () => {
  it("the default call timeout is well under the lease", () => {
    expect(h.executor.callTimeoutMs).toBe(40_000);
    expect(h.executor.callTimeoutMs * 3).toBeLessThanOrEqual(120_000);
  });

  it(
    "times out, counts as a failed attempt, is retried with backoff and finally fails the run",
    { timeout: 180_000 },
    async () => {
      const made = testClient();
      const entered: string[] = [];
      const hung = made.client.createFunction(
        { id: "hung", retries: 1, triggers: [{ event: "stall/hung" }] },
        async ({ step }) => {
          await step.run("never", () => {
            entered.push("never");
            return new Promise(() => {});
          });
        },
      );
      const h2 = await startHarness(getDb(), made, [hung], { callTimeoutMs: 1_000 });
      try {
        await h2.send({ name: "stall/hung", data: {} });
        const [run] = await until(
          () => runsOfFn(h2, `${made.client.id}-hung`),
          (runs) => runs.length === 1 && runs[0]!.status === "failed",
        );
        expect(run!.status).toBe("failed");
        expect(run!.error).toMatchObject({ name: "TimeoutError", message: "the app did not answer within 1 s" });
        // Two attempts (retries: 1) and no more: the run failed on attempt index 1. Under a heavy
        // load the second call can time out before the app reaches the step, so the app saw 1 or 2.
        expect(run!.attempt).toBe(1);
        expect(entered.length).toBeGreaterThanOrEqual(1);
        expect(entered.length).toBeLessThanOrEqual(2);
      } finally {
        await h2.close();
      }
    },
  );
});

describe("no head-of-line blocking", () => {
  it(
    "runs waiting for a concurrency slot never keep a run of another function from being claimed",
    { timeout: 180_000 },
    async () => {
      const made = testClient();
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const inside = { now: 0, max: 0, entered: 0 };
      const held = made.client.createFunction(
        { id: "held", concurrency: { limit: 1 }, triggers: [{ event: "stall/held" }] },
        async ({ step }) => {
          await step.run("hold", async () => {
            inside.entered++;
            inside.max = Math.max(inside.max, ++inside.now);
            await gate;
            inside.now--;
          });
          return "held";
        },
      );
      const free = made.client.createFunction({ id: "free", triggers: [{ event: "stall/free" }] }, async ({ step }) =>
        step.run("go", () => "went"),
      );
      // Four calls at most: one holds the slot, the claim window is three runs wide.
      const h3 = await startHarness(getDb(), made, [held, free], { maxInFlight: 4, callTimeoutMs: 600_000 });
      try {
        await h3.send(Array.from({ length: 8 }, (_, i) => ({ name: "stall/held", data: { i } })));
        await until(
          async () => inside.entered,
          (n) => n === 1,
        );
        // Seven due runs of `held` wait for the slot and are older than the run of `free`.
        await h3.send({ name: "stall/free", data: {} });
        const [went] = await until(
          () => runsOfFn(h3, `${made.client.id}-free`),
          (runs) => runs[0]?.status === "completed",
        );
        expect(went?.status).toBe("completed");
        expect(went?.output).toBe("went");
        expect(inside.entered).toBe(1);

        release();
        const helds = await until(
          () => runsOfFn(h3, `${made.client.id}-held`),
          (runs) => runs.length === 8 && runs.every((r) => r.status === "completed"),
        );
        expect(helds.map((r) => r.status)).toEqual(Array(8).fill("completed"));
        expect(inside.max).toBe(1);
      } finally {
        release();
        await h3.close();
      }
    },
  );
});

describe("events that arrive before the first sync", () => {
  it("wait for the app's functions instead of being matched against none", { timeout: 120_000 }, async () => {
    const made = testClient();
    const greet = made.client.createFunction({ id: "greet", triggers: [{ event: "stall/greet" }] }, async ({ step }) =>
      step.run("hello", () => "hello"),
    );
    const h4 = await startHarness(getDb(), made, [greet]);
    // A fresh environment: its database knows no functions yet, as on a first start.
    const env = `first-start-${randomUUID()}`;
    const fresh = new Executor({ ...h4.executor.opts, env });
    try {
      await fresh.start({ sync: false, holdUntilSynced: true });
      await storeEvents(
        getDb(),
        env,
        [{ id: randomUUID(), name: "stall/greet", data: {}, ts: Date.now() }],
        clockNow(),
      );
      fresh.notifyEvents();
      // The loop runs meanwhile (the server is not listening yet at boot): give it time to do harm.
      await new Promise((r) => setTimeout(r, 1_500));
      await fresh.sync();
      await fresh.whenIdle();
      const runs = await getDb().select().from(executorRuns).where(eq(executorRuns.env, env));
      expect(runs.map((r) => [r.functionId, r.status, r.output])).toEqual([
        [`${made.client.id}-greet`, "completed", "hello"],
      ]);
    } finally {
      await fresh.stop();
      await h4.close();
    }
  });
});
