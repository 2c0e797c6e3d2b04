// The Resend stand-in for the benches and the chaos test, in a process of its own as the real API
// is (its work never stalls ours, and it survives the kills of the app's process): it allows RATE
// requests a second and fails FAULT_RATE of them (429s, 5xx before and after accepting),
// deterministically.
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

export async function startStubProcess(rate: number, faultRate: number, retryAfterSeconds?: number) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/email/resend-stub-process.ts"], {
    env: {
      ...process.env,
      STUB_RATE_LIMIT: String(rate),
      STUB_FAULT_RATE: String(faultRate),
      ...(retryAfterSeconds === undefined ? {} : { STUB_RETRY_AFTER: String(retryAfterSeconds) }),
    },
    // stdin must be a pipe: the stand-in exits when it ends (its parent died), and an ignored
    // stdin (/dev/null) ends at once.
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code, signal) => reject(new Error(`the Resend stand-in exited (${code ?? signal})`))),
  );
  exited.catch(() => {});
  const first = await Promise.race([createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next(), exited]);
  const { url, stats } = JSON.parse(first.value as string) as { url: string; stats: string };
  return {
    url,
    /** True while the process lives (a dead stand-in makes every send a network failure). */
    alive: () => child.exitCode === null && child.signalCode === null,
    stats: async () => (await (await fetch(stats)).json()) as StubStats,
    close: () => child.kill("SIGTERM"),
  };
}
