// The Resend stub in a process of its own (as the real API is): prints its URL on the first line,
// and answers GET /_stub/stats with what it accepted. Used by bench/email.ts.
//   STUB_RATE_LIMIT (5), STUB_FAULT_RATE (0.05), STUB_RETRY_AFTER (1 s)
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startResendStub, type Fault } from "./resend-stub";

let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const FAULTS: Fault[] = ["429", "500-before", "500-after"];
const rate = Number(process.env.STUB_FAULT_RATE ?? 0.05);
let faults = 0;

async function main() {
  const stub = await startResendStub({
    rateLimit: Number(process.env.STUB_RATE_LIMIT ?? 5),
    retryAfterSeconds: Number(process.env.STUB_RETRY_AFTER ?? 1),
    // Deterministic: the same faults every run.
    fault: () => (random() < rate ? FAULTS[faults++ % 3]! : null),
  });
  const stats = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    const t0 = stub.requests[0]?.at ?? 0;
    res.end(
      JSON.stringify({
        requests: stub.requests.length,
        rateLimited: stub.rateLimited,
        faults,
        messageIds: stub.accepted.map((a) => a.messageId),
        trace: stub.requests.map((r) => `${r.at - t0}:${r.status}`),
        // When the last request arrived (epoch ms): the campaign bench measures a pause by it.
        lastAt: stub.requests.at(-1)?.at ?? null,
      }),
    );
    stub.requests.forEach((r) => (r.body = null));
  });
  await new Promise<void>((resolve) => stats.listen(0, "127.0.0.1", resolve));
  console.log(JSON.stringify({ url: stub.url, stats: `http://127.0.0.1:${(stats.address() as AddressInfo).port}` }));
  process.on("SIGTERM", () => process.exit(0));
  // The bench that started it died (its end of stdin closed): no orphan left listening.
  process.stdin.on("end", () => process.exit(0)).resume();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
