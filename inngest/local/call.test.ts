import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { callFunction, type CallResult } from "./call";

// A call the app never answers must end at its timeout even while the garbage collector runs:
// on Node 20 a timeout signal combined with AbortSignal.any was collected mid-call and the call
// hung for good (seen in CI as a run stuck in "running").
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer(() => {}); // never answers
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/inngest`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const request = {
  url: "",
  event: { name: "x", data: {} },
  steps: {},
  runId: "r",
  attempt: 0,
  maxAttempts: 1,
  stack: [],
};

it("a hung call times out under garbage-collector pressure", { timeout: 30_000 }, async () => {
  const pressure = setInterval(() => {
    gc();
    for (let i = 0; i < 50_000; i++) void { a: [i] };
  }, 20);
  try {
    const hung = new Promise<"hung">((r) => setTimeout(() => r("hung"), 15_000));
    const result = await Promise.race([
      callFunction({ ...request, url }, "signkey-test-00", 300, new AbortController().signal),
      hung,
    ]);
    expect(result).toEqual({ kind: "network", timedOut: true, message: "the app did not answer within 300 ms" });
  } finally {
    clearInterval(pressure);
  }
});

it("stopping the executor abandons the call without calling it a timeout", async () => {
  const stop = new AbortController();
  const pending = callFunction({ ...request, url }, "signkey-test-00", 10_000, stop.signal);
  setTimeout(() => stop.abort(), 50);
  const result: CallResult = await pending;
  expect(result).toMatchObject({ kind: "network" });
  expect(result).not.toHaveProperty("timedOut");
});
