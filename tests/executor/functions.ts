import { NonRetriableError, RetryAfterError, type Inngest } from "inngest";

/** Test-only functions exercising every op the embedded executor supports. Never served by the app. */
export const counters = new Map<string, number>();
export const bump = (k: string) => {
  const n = (counters.get(k) ?? 0) + 1;
  counters.set(k, n);
  return n;
};
export const concurrency = { now: 0, max: 0 };
export const failures: unknown[] = [];

export function conformanceFunctions(client: Inngest.Any) {
  return [
    client.createFunction({ id: "steps", triggers: [{ event: "conf/steps" }] }, async ({ event, step }) => {
      const a = await step.run("a", () => bump(`a:${event.data.k}`));
      const b = await step.run("b", () => bump(`b:${event.data.k}`) + a);
      const c = await step.run("c", () => bump(`c:${event.data.k}`) + b);
      return { a, b, c };
    }),
    client.createFunction({ id: "sleeper", triggers: [{ event: "conf/sleep" }] }, async ({ event, step }) => {
      await step.run("before", () => bump(`before:${event.data.k}`));
      await step.sleep("nap", "1h");
      await step.sleepUntil("until", new Date(String(event.data.until)));
      return step.run("after", () => bump(`after:${event.data.k}`));
    }),
    client.createFunction({ id: "waiter", triggers: [{ event: "conf/wait" }] }, async ({ step }) => {
      const got = await step.waitForEvent("approval", {
        event: "conf/approved",
        timeout: "1d",
        if: "async.data.k == event.data.k",
      });
      return { approvedBy: got ? got.data.by : null };
    }),
    client.createFunction(
      {
        id: "cancellable",
        triggers: [{ event: "conf/cancellable" }],
        cancelOn: [
          { event: "conf/stop", if: "async.data.k == event.data.k" },
          { event: "conf/stop-soon", match: "data.k", timeout: "1h" },
        ],
      },
      async ({ step }) => {
        await step.sleep("long", "1d");
        return "finished";
      },
    ),
    client.createFunction({ id: "flaky", triggers: [{ event: "conf/flaky" }] }, async ({ event, step }) => {
      return step.run("shaky", () => {
        if (bump(`flaky:${event.data.k}`) < 3) throw new Error("not yet");
        return "ok";
      });
    }),
    client.createFunction(
      {
        id: "doomed",
        retries: 1,
        triggers: [{ event: "conf/doomed" }],
        onFailure: async ({ event }) => {
          failures.push(event.data);
        },
      },
      async ({ step }) =>
        step.run("always-fails", () => {
          throw new Error("boom");
        }),
    ),
    client.createFunction(
      { id: "non-retriable", triggers: [{ event: "conf/nonretriable" }] },
      async ({ event, step }) =>
        step.run("refuse", () => {
          bump(`nr:${event.data.k}`);
          throw new NonRetriableError("never again");
        }),
    ),
    client.createFunction({ id: "retry-after", triggers: [{ event: "conf/retry-after" }] }, async ({ step }) =>
      step.run("rate-limited", () => {
        throw new RetryAfterError("slow down", "2h");
      }),
    ),
    client.createFunction({ id: "parallel", triggers: [{ event: "conf/parallel" }] }, async ({ event, step }) => {
      const [x, y] = await Promise.all([
        step.run("x", () => bump(`x:${event.data.k}`) * 10),
        step.run("y", () => bump(`y:${event.data.k}`) * 20),
      ]);
      return x + y;
    }),
    client.createFunction(
      { id: "limited", concurrency: { limit: 1, key: "event.data.group" }, triggers: [{ event: "conf/limited" }] },
      async ({ step }) => {
        await step.run("work", async () => {
          concurrency.now++;
          concurrency.max = Math.max(concurrency.max, concurrency.now);
          await new Promise((r) => setTimeout(r, 40));
          concurrency.now--;
        });
        return "done";
      },
    ),
    client.createFunction({ id: "sender", triggers: [{ event: "conf/send" }] }, async ({ event, step }) => {
      await step.sendEvent("emit", { name: "conf/sent", data: { k: event.data.k } });
      return "sent";
    }),
    client.createFunction({ id: "receiver", triggers: [{ event: "conf/sent" }] }, async ({ event }) =>
      bump(`received:${event.data.k}`),
    ),
    client.createFunction(
      { id: "wild", triggers: [{ event: "conf/wild.*", if: "event.data.amount > 10" }] },
      async ({ event }) => event.name,
    ),
    client.createFunction(
      { id: "once", idempotency: "event.data.userId", triggers: [{ event: "conf/once" }] },
      async () => "once",
    ),
    client.createFunction(
      {
        id: "throttled",
        throttle: { limit: 1, period: "1h", key: "event.data.k" },
        triggers: [{ event: "conf/throttled" }],
      },
      async () => "t",
    ),
    client.createFunction({ id: "big-output", triggers: [{ event: "conf/big" }] }, async ({ step }) =>
      step.run("huge", () => "x".repeat(4 * 1024 * 1024 + 10)),
    ),
    client.createFunction(
      { id: "batched", batchEvents: { maxSize: 3, timeout: "1s" }, triggers: [{ event: "conf/batched" }] },
      async ({ events, step }) => {
        const keys = events.map((e) => String(e.data.k));
        // A step in a batch's run is memoized like any other: each event counted once.
        await step.run("count", () => keys.forEach((key) => bump(`batched:${key}`)));
        return keys;
      },
    ),
    client.createFunction(
      { id: "morning", triggers: [{ cron: "TZ=America/New_York 0 9 * * *" }] },
      async ({ event }) => event.name,
    ),
  ];
}
