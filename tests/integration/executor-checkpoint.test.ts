import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executorRuns, executorSteps } from "@/db/schema";
import { clockNow } from "@/inngest/local/clock";
import { hashedSigningKey } from "@/inngest/local/http";
import { cancelRun } from "@/inngest/local/runs";
import { startHarness, testClient, type Harness } from "../executor/harness";
import { setupTestDb } from "./helpers";

const getDb = setupTestDb();
let h: Harness;
let appId: string;
let signingKey: string;
const ran = new Map<string, number>();
const count = (key: string) => ran.set(key, (ran.get(key) ?? 0) + 1);
const calls: string[] = [];

beforeAll(async () => {
  const made = testClient();
  appId = made.client.id;
  signingKey = made.signingKey;
  const { client } = made;
  const stepThenSleep = client.createFunction(
    { id: "step-then-sleep", triggers: [{ event: "cp/sleepy" }] },
    async ({ event, step }) => {
      const k = (event.data as { k: string }).k;
      const first = await step.run("first", () => (count(`first:${k}`), 41));
      await step.sleep("nap", "1h");
      return step.run("after", () => (count(`after:${k}`), first + 1));
    },
  );
  const cancelsItself = client.createFunction(
    { id: "cancels-itself", triggers: [{ event: "cp/cancel" }] },
    async ({ event, runId, step }) => {
      const k = (event.data as { k: string }).k;
      await step.run("cancel", async () => {
        count(`cancel:${k}`);
        // An owner cancels the run while this call is still going: its checkpoint finds it ended.
        await cancelRun(getDb(), runId, clockNow());
      });
      await step.run("never", () => count(`never:${k}`));
    },
  );
  h = await startHarness(getDb(), made, [stepThenSleep, cancelsItself], {
    onCall: (run) => void calls.push(run.id),
  });
});
afterAll(async () => {
  await h?.close();
});

async function runFor(fn: string, k: string) {
  const runs = await getDb()
    .select()
    .from(executorRuns)
    .where(and(eq(executorRuns.env, h.env), eq(executorRuns.functionId, `${appId}-${fn}`)));
  return runs.find((r) => (r.event as { data: { k: string } }).data.k === k)!;
}

describe("the SDK's checkpoints (one call runs on past a step)", () => {
  it("a step and the sleep after it cost one call; the step is stored with the run's stack before the call ends", async () => {
    const k = randomUUID();
    await h.send({ name: "cp/sleepy", data: { k } });
    await h.settle();
    let run = await runFor("step-then-sleep", k);
    expect(run.status).toBe("sleeping");
    expect(calls.filter((id) => id === run.id)).toHaveLength(1);
    const steps = await getDb().select().from(executorSteps).where(eq(executorSteps.runId, run.id));
    const first = steps.find((s) => s.status === "completed")!;
    expect(first.output).toBe(41);
    expect(run.stack).toEqual([first.stepId]);
    await h.advance("1h");
    run = await runFor("step-then-sleep", k);
    expect(run.status).toBe("completed");
    expect(run.output).toBe(42);
    expect([ran.get(`first:${k}`), ran.get(`after:${k}`)]).toEqual([1, 1]);
  });

  it("a run cancelled during a call stops at its next checkpoint: the step after never runs", async () => {
    const k = randomUUID();
    await h.send({ name: "cp/cancel", data: { k } });
    await h.settle();
    const run = await runFor("cancels-itself", k);
    expect(run.status).toBe("cancelled");
    expect([ran.get(`cancel:${k}`), ran.get(`never:${k}`)]).toEqual([1, undefined]);
  });

  it("refuses a checkpoint without the signing key, and one for a call it did not make", async () => {
    const post = (auth: string, body: unknown) =>
      fetch(`${h.url}/v1/checkpoint/${randomUUID()}/async`, {
        method: "POST",
        headers: { authorization: auth, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const steps = [{ op: "StepRun", id: "x", data: 1 }];
    expect((await post("Bearer signkey-test-00", { qi_id: "q", steps })).status).toBe(401);
    // Not a call in flight (another process's, or over): the SDK is told to answer with the steps itself.
    const unknown = await post(`Bearer ${hashedSigningKey(signingKey)}`, { qi_id: randomUUID(), steps });
    expect(unknown.status).toBe(400);
  });
});
