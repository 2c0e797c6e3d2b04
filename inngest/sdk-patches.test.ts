import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "inngest/node";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { testClient } from "@/tests/executor/harness";
import { signBody } from "./local/sign";

// patches/inngest+*.patch changes how the SDK reads its environment, checks a request's version
// and computes signatures (for speed, not behaviour). These calls go through its serve handler
// as the executor's do, and pin the behaviour the patch must keep.

const made = testClient("sdk-patches");
const fn = made.client.createFunction({ id: "one-step", triggers: [{ event: "test/call" }] }, async ({ step }) =>
  step.run("constant", () => 1),
);
let server: Server;
let url: string;
beforeAll(async () => {
  const handler = serve({ client: made.client, functions: [fn], servePath: "/api/inngest" });
  server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/inngest?fnId=${fn.id(made.client.id)}&stepId=step`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});
afterEach(() => {
  delete process.env.INNGEST_ENV;
});

const call = async (version: unknown, signingKey = made.signingKey) => {
  const body = JSON.stringify({
    version,
    event: { name: "test/call", data: {} },
    events: [{ name: "test/call", data: {} }],
    steps: {},
    ctx: {
      run_id: "run-1",
      attempt: 0,
      disable_immediate_execution: false,
      use_api: false,
      stack: { stack: [], current: 0 },
    },
  });
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-inngest-signature": signBody(body, signingKey) },
    body,
  });
  return { res, text: await res.text() };
};

it("runs a call signed with the signing key and answers with a body signed by the same key", async () => {
  const { res, text } = await call(2);
  expect(res.status).toBe(206);
  expect(JSON.parse(text)).toMatchObject([{ op: "StepRun", name: "constant", data: 1 }]);
  // The answer is signed as sent: HMAC-SHA256(key without its prefix, body + t).
  const signature = new URLSearchParams(res.headers.get("x-inngest-signature") ?? "");
  const key = made.signingKey.replace(/^signkey-\w+-/, "");
  const expected = createHmac("sha256", key)
    .update(`${text}${signature.get("t")}`)
    .digest("hex");
  expect(signature.get("s")).toBe(expected);
});

it("refuses a call signed with another key", async () => {
  const other = testClient("sdk-patches-other");
  const { res, text } = await call(2, other.signingKey);
  expect(res.status).toBe(401);
  expect(JSON.parse(text)).toEqual({ message: "Unauthorized" });
});

it("takes the versions the SDK knows and refuses the others (0 is no longer supported)", async () => {
  expect((await call(1)).res.status).toBe(206);
  expect((await call(-1)).res.status).toBe(206); // the SDK decides
  expect((await call(undefined)).res.status).toBe(206); // the SDK decides
  for (const version of [0, 3, 1.5, "2"]) {
    const { res, text } = await call(version);
    expect(res.status).toBe(500);
    expect(JSON.parse(text).message).toMatch(/^Failed to parse data from executor/);
  }
});

it("reads the process's environment at each call", async () => {
  process.env.INNGEST_ENV = "branch-a";
  expect((await call(2)).res.headers.get("x-inngest-env")).toBe("branch-a");
  process.env.INNGEST_ENV = "branch-b";
  expect((await call(2)).res.headers.get("x-inngest-env")).toBe("branch-b");
});
