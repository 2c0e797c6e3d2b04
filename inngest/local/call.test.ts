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

it("an answer cut off mid-body is a failed call at once, not a wait for the timeout", async () => {
  const cutting = createServer((req, res) => {
    req.resume();
    res.writeHead(206, { "content-type": "application/json", "content-length": "100" });
    res.write('{"op":');
    setTimeout(() => res.socket?.destroy(), 20);
  });
  await new Promise<void>((r) => cutting.listen(0, "127.0.0.1", r));
  try {
    const target = `http://127.0.0.1:${(cutting.address() as AddressInfo).port}/api/inngest`;
    const result = await callFunction({ ...request, url: target }, "signkey-test-00", 20_000);
    expect(result).toMatchObject({ kind: "network" });
    expect(result).not.toHaveProperty("timedOut");
  } finally {
    cutting.close();
  }
});

it("answers with the status, the parsed body and the retry headers", async () => {
  const answering = createServer((req, res) => {
    req.resume();
    res.writeHead(500, { "content-type": "application/json", "x-inngest-no-retry": "true", "retry-after": "7" });
    res.end(JSON.stringify({ message: "boom" }));
  });
  await new Promise<void>((r) => answering.listen(0, "127.0.0.1", r));
  try {
    const target = `http://127.0.0.1:${(answering.address() as AddressInfo).port}/api/inngest`;
    expect(await callFunction({ ...request, url: target }, "signkey-test-00", 20_000)).toEqual({
      kind: "response",
      status: 500,
      body: { message: "boom" },
      noRetry: true,
      retryAfter: "7",
    });
  } finally {
    answering.close();
  }
});
