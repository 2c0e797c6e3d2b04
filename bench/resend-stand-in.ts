// The Resend stand-in for the benches, in a process of its own as the real API is (its work never
// stalls ours): it allows RATE requests a second and fails FAULT_RATE of them (429s, 5xx before
// and after accepting), deterministically.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

export type StubStats = {
  requests: number;
  rateLimited: number;
  faults: number;
  messageIds: (string | null)[];
  trace: string[];
  lastAt: number | null;
};

export async function startStubProcess(rate: number, faultRate: number) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/email/resend-stub-process.ts"], {
    env: { ...process.env, STUB_RATE_LIMIT: String(rate), STUB_FAULT_RATE: String(faultRate) },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const [line] = await createInterface({ input: child.stdout! })
    [Symbol.asyncIterator]()
    .next()
    .then((r) => [r.value as string]);
  const { url, stats } = JSON.parse(line!) as { url: string; stats: string };
  return {
    url,
    stats: async () => (await (await fetch(stats)).json()) as StubStats,
    close: () => child.kill("SIGTERM"),
  };
}
