import { AsyncLocalStorage } from "node:async_hooks";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { NonRetriableError, RetryAfterError } from "inngest";
import { serve as nodeServe } from "inngest/node";
import { afterEach, expect, it } from "vitest";
import { testClient } from "@/tests/executor/harness";
import { callFunction, type CallRequest } from "./call";
import { serveHere, servedHere } from "./served-here";

// Nothing listens on port 1: a call that went over HTTP would fail to connect.
const SERVE_URL = "http://127.0.0.1:1/api/inngest";

const made = testClient(`served-here-${Date.now()}`);
const ambient = new AsyncLocalStorage<string>();
const seen: (string | undefined)[] = [];
const functions = [
  made.client.createFunction({ id: "one-step", triggers: [{ event: "here/call" }] }, async ({ step }) =>
    step.run("constant", () => {
      seen.push(ambient.getStore());
      return 41 + 1;
    }),
  ),
  made.client.createFunction({ id: "refuses", retries: 0, triggers: [{ event: "here/refuse" }] }, async () => {
    throw new NonRetriableError("not this one");
  }),
  made.client.createFunction({ id: "later", triggers: [{ event: "here/later" }] }, async () => {
    throw new RetryAfterError("busy", "7s");
  }),
  made.client.createFunction({ id: "hangs", triggers: [{ event: "here/hang" }] }, () => new Promise(() => {})),
];
const request = (fn: string, event: string): CallRequest => ({
  url: `${SERVE_URL}?fnId=${made.client.id}-${fn}&stepId=step`,
  event: { name: event, data: {} },
  steps: {},
  runId: `run-${fn}`,
  attempt: 0,
  maxAttempts: 1,
  stack: [],
});

let stop = () => {};
afterEach(() => stop());
const serve = () => (stop = serveHere(SERVE_URL, { client: made.client, functions, servePath: "/api/inngest" }));

it("hands a call to the serve handler of this process, without HTTP", async () => {
  serve();
  const result = await callFunction(request("one-step", "here/call"), made.signingKey, 10_000);
  expect(result).toMatchObject({ kind: "response", status: 206, noRetry: false });
  const ops = (result as { body: { op: string; data: unknown }[] }).body;
  expect(ops).toEqual([expect.objectContaining({ op: "StepRun", data: 42 })]);
});

it("needs no signature in process, while the same functions over HTTP still refuse a wrong one", async () => {
  serve();
  const wrongKey = `signkey-test-${"0".repeat(64)}`;
  expect(await callFunction(request("one-step", "here/call"), wrongKey, 10_000)).toMatchObject({ status: 206 });
  const handler = nodeServe({ client: made.client, functions, servePath: "/api/inngest" });
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  try {
    const overHttp = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/inngest?fnId=${made.client.id}-one-step&stepId=step`;
    expect(await callFunction({ ...request("one-step", "here/call"), url: overHttp }, wrongKey, 10_000)).toMatchObject({
      status: 401,
    });
    expect(
      await callFunction({ ...request("one-step", "here/call"), url: overHttp }, made.signingKey, 10_000),
    ).toMatchObject({
      status: 206,
    });
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

it("passes on the SDK's no-retry and retry-after answers", async () => {
  serve();
  expect(await callFunction(request("refuses", "here/refuse"), made.signingKey, 10_000)).toMatchObject({
    kind: "response",
    status: 400,
    noRetry: true,
  });
  // Not the last attempt: the SDK asks for a retry, and when.
  const later = { ...request("later", "here/later"), maxAttempts: 5 };
  expect(await callFunction(later, made.signingKey, 10_000)).toMatchObject({
    kind: "response",
    status: 500,
    noRetry: false,
    retryAfter: expect.stringMatching(/\S/),
  });
});

it("a call the function never answers times out as one over HTTP does", async () => {
  serve();
  expect(await callFunction(request("hangs", "here/hang"), made.signingKey, 300)).toEqual({
    kind: "network",
    timedOut: true,
    message: "the app did not answer within 300 ms",
  });
});

it("runs the function outside the caller's async context, as a request arriving over HTTP would", async () => {
  serve();
  seen.length = 0;
  await ambient.run("the executor's", () => callFunction(request("one-step", "here/call"), made.signingKey, 10_000));
  expect(seen).toEqual([undefined]);
});

it("matches the serve URL without its query, and only while served", async () => {
  serve();
  expect(servedHere(`${SERVE_URL}?fnId=x&stepId=step`)).toBeTypeOf("function");
  expect(servedHere("http://127.0.0.1:1/api/other?fnId=x")).toBeUndefined();
  expect(servedHere("http://127.0.0.1:2/api/inngest?fnId=x")).toBeUndefined();
  stop();
  expect(servedHere(`${SERVE_URL}?fnId=x`)).toBeUndefined();
  // No longer served here: the call goes over HTTP, and nothing listens.
  expect(await callFunction(request("one-step", "here/call"), made.signingKey, 10_000)).toMatchObject({
    kind: "network",
  });
});
