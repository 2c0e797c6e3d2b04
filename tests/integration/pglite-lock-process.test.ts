import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { DatabaseLockedError, lockPathFor } from "@/db/pglite-lock";

const root = mkdtempSync(path.join(tmpdir(), "tend-lock-process-"));
const dir = path.join(root, "pglite");
let child: ChildProcess | undefined;

afterAll(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(root, { recursive: true, force: true });
});

function startHolder(): Promise<ChildProcess> {
  const script = path.join(process.cwd(), "tests", "support", "hold-pglite.ts");
  const proc = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: "", PGLITE_DIR: dir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let stderr = "";
    proc.stderr!.on("data", (chunk) => (stderr += chunk));
    proc.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve(proc);
    });
    proc.on("exit", (code) => reject(new Error(`The holder exited (${code}) before it was ready: ${stderr}`)));
  });
}

function exited(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    proc.exitCode !== null || proc.signalCode !== null ? resolve() : proc.once("exit", () => resolve()),
  );
}

describe("PGlite folder shared by two processes", () => {
  it("refuses to open a folder another live process has open, and opens it once that process stops", async () => {
    child = await startHolder();
    expect(readFileSync(lockPathFor(dir), "utf8")).toBe(String(child.pid));

    const refused = openDatabase({ kind: "pglite", dir });
    await expect(refused).rejects.toBeInstanceOf(DatabaseLockedError);
    await expect(refused).rejects.toThrow(new RegExp(`${escapeRegExp(dir)}.*process ${child.pid}\\b`));
    // The refused attempt must not have taken the lock away from its holder.
    expect(readFileSync(lockPathFor(dir), "utf8")).toBe(String(child.pid));

    child.kill("SIGTERM");
    await exited(child);
    expect(existsSync(lockPathFor(dir))).toBe(false);

    const handle = await openDatabase({ kind: "pglite", dir });
    try {
      const result = (await handle.db.execute(sql`select count(*)::int as n from organizations`)) as unknown as {
        rows: { n: number }[];
      };
      expect(result.rows[0]!.n).toBe(0);
      expect(readFileSync(lockPathFor(dir), "utf8")).toBe(String(process.pid));
    } finally {
      await handle.close();
    }
    expect(existsSync(lockPathFor(dir))).toBe(false);
  });
});

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
