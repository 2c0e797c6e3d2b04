// The cost of one call through the SDK's serve handler with nothing in it: a function whose one
// step returns a constant, called by the executor's own client on this thread, 20 at a time,
// handed over in process as the app's runs are (served-here.ts), or over loopback HTTP with
// `overHttp`. The embedded executor and the app share one Node thread, so every run's calls pay
// at least this however little the steps do: a floor for the benches that count calls.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "inngest/node";
import { callFunction } from "@/inngest/local/call";
import { serveHere } from "@/inngest/local/served-here";
import { testClient } from "@/tests/executor/harness";

export async function measureCallFloorMs({ calls = 2000, concurrency = 20, overHttp = false } = {}): Promise<number> {
  const made = testClient(`floor-${Date.now()}`);
  const fn = made.client.createFunction({ id: "one-step", triggers: [{ event: "floor/call" }] }, async ({ step }) =>
    step.run("constant", () => 1),
  );
  const options = { client: made.client, functions: [fn], servePath: "/api/inngest" };
  const handler = serve(options);
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const serveUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/inngest`;
  const stopServingHere = overHttp ? () => {} : serveHere(serveUrl, options);
  const url = `${serveUrl}?fnId=${fn.id(made.client.id)}&stepId=step`;
  const call = (i: number) =>
    callFunction(
      {
        url,
        event: { name: "floor/call", data: {} },
        steps: {},
        runId: `floor-${i}`,
        attempt: 0,
        maxAttempts: 1,
        stack: [],
      },
      made.signingKey,
      30_000,
    ).then((r) => {
      if (r.kind !== "response" || r.status !== 206) throw new Error(`floor call failed: ${JSON.stringify(r)}`);
    });
  try {
    for (let i = 0; i < 100; i++) await call(i); // warm up
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < calls) await call(next++);
      }),
    );
    return (performance.now() - started) / calls;
  } finally {
    stopServingHere();
    server.closeAllConnections();
    server.close();
  }
}

// `npx tsx bench/call-floor.ts`: both ways, three rounds, alternating.
if (process.argv[1]?.endsWith("call-floor.ts")) {
  void (async () => {
    const rounds: { in_process_ms: number; over_http_ms: number }[] = [];
    for (let r = 0; r < 3; r++)
      rounds.push({
        in_process_ms: Number((await measureCallFloorMs()).toFixed(3)),
        over_http_ms: Number((await measureCallFloorMs({ overHttp: true })).toFixed(3)),
      });
    console.log(JSON.stringify({ rounds }));
    process.exit(0);
  })();
}
