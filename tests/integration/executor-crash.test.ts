import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { usingPostgres } from "./helpers";

// kill -9 needs a process of its own. On PGlite the restarted process takes over the killed one's
// lock and leases; on PostgreSQL (a short lease here) the killed instance's leases run out.
const env = `crash-${randomUUID().slice(0, 8)}`;
const dir = mkdtempSync(path.join(tmpdir(), "tend-crash-"));
// Free ports picked now, so two test runs on one machine do not collide.
const [port, control] = await Promise.all([freePort(), freePort()]);
let child: ChildProcess | undefined;

function start(phase: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      ["--require", "./scripts/allow-server-only.cjs", "--import", "tsx", "tests/executor/crash-app.ts"],
      {
        env: {
          ...process.env,
          CRASH_DIR: dir,
          CRASH_ENV: env,
          CRASH_DATABASE_URL: usingPostgres ? process.env.DATABASE_URL : "",
          CRASH_PHASE: phase,
          CRASH_PORT: String(port),
          CRASH_CONTROL_PORT: String(control),
          DATABASE_URL: "",
        },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    p.stdout!.on("data", (b: Buffer) => b.toString().includes("ready") && resolve(p));
    p.on("exit", (code) => reject(new Error(`crash app exited with ${code}`)));
  });
}
const lines = () =>
  existsSync(path.join(dir, "steps.log")) ? readFileSync(path.join(dir, "steps.log"), "utf8").trim().split("\n") : [];
async function until(check: () => boolean | Promise<boolean>, what: string) {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const send = (events: object[]) =>
  fetch(`http://127.0.0.1:${port}/e/crash-key`, { method: "POST", body: JSON.stringify(events) });
const runs = async () =>
  (await (await fetch(`http://127.0.0.1:${control}/status`)).json()) as { id: string; fn: string; status: string }[];

afterAll(() => {
  child?.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe("crash: kill -9 while runs sleep and while a step executes", () => {
  it("loses no run and re-runs no completed step", { timeout: 240_000 }, async () => {
    child = await start("1");
    // On a shared PostgreSQL database other test files move the executor clock, so this test must
    // not: there the naps are short and end on their own after the restart.
    const nap = usingPostgres ? "8s" : "1h";
    await send(
      [1, 2, 3]
        .map((i) => ({ name: "crash/sleepy", data: { i, nap } }))
        .concat([{ name: "crash/slow", data: { i: 0, nap } }]),
    );
    await until(
      () => lines().filter((l) => l.endsWith(" before")).length === 3 && lines().some((l) => l.endsWith(" slow-start")),
      "the runs to sleep and the slow step to start",
    );
    await until(async () => (await runs()).filter((r) => r.status === "sleeping").length === 3, "three sleeping runs");
    child.kill("SIGKILL");
    await new Promise((r) => child!.once("exit", r));

    child = await start("2");
    await until(() => lines().some((l) => l.endsWith(" last")), "the cut-off step to be retried and the run to finish");
    if (!usingPostgres) await fetch(`http://127.0.0.1:${control}/advance?d=2h`);
    await until(async () => (await runs()).every((r) => r.status === "completed"), "every run to complete");

    const all = await runs();
    expect(all).toHaveLength(4);
    const count = (step: string) => lines().filter((l) => l.endsWith(` ${step}`)).length;
    expect([count("before"), count("after"), count("first"), count("last")]).toEqual([3, 3, 1, 1]);
    // The step cut off mid-flight ran again after the restart; nothing that had finished did.
    expect(count("slow-start")).toBe(2);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port: free } = server.address() as AddressInfo;
      server.close(() => resolve(free));
    });
  });
}
