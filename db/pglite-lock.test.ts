import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquirePgliteLock, DatabaseLockedError, lockPathFor, releasePgliteLock } from "./pglite-lock";

/** The pid of a process that has exited, so no one holds it. */
function deadPid(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    child.on("error", reject);
    child.on("exit", () => resolve(child.pid!));
  });
}

let root: string;
let dir: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "tend-lock-"));
  dir = path.join(root, "nested", "pglite");
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("PGlite folder lock", () => {
  it("writes our pid beside the folder, creating parent folders", () => {
    acquirePgliteLock(dir);
    expect(lockPathFor(dir)).toBe(path.join(root, "nested", "pglite.lock"));
    expect(readFileSync(lockPathFor(dir), "utf8")).toBe(String(process.pid));
  });

  it("refuses a second holder while the first pid is alive, naming the folder and the pid", () => {
    const otherLivePid = process.ppid;
    acquirePgliteLock(dir, otherLivePid);
    let caught: unknown;
    try {
      acquirePgliteLock(dir);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DatabaseLockedError);
    const locked = caught as DatabaseLockedError;
    expect(locked.pid).toBe(otherLivePid);
    expect(locked.message).toContain(dir);
    expect(locked.message).toContain(String(otherLivePid));
    expect(readFileSync(lockPathFor(dir), "utf8")).toBe(String(otherLivePid));
  });

  it("takes over a lock left by a dead process", async () => {
    const pid = await deadPid();
    writeFileSync(lockPathFor(path.join(root, "pglite")), String(pid));
    const release = acquirePgliteLock(path.join(root, "pglite"));
    expect(readFileSync(lockPathFor(path.join(root, "pglite")), "utf8")).toBe(String(process.pid));
    release();
  });

  it("takes over an unreadable lock file", () => {
    const target = path.join(root, "pglite");
    writeFileSync(lockPathFor(target), "not a pid");
    acquirePgliteLock(target);
    expect(readFileSync(lockPathFor(target), "utf8")).toBe(String(process.pid));
  });

  it("release removes the lock, and the folder can be taken again", () => {
    const release = acquirePgliteLock(dir);
    release();
    expect(existsSync(lockPathFor(dir))).toBe(false);
    acquirePgliteLock(dir, process.ppid);
    expect(readFileSync(lockPathFor(dir), "utf8")).toBe(String(process.ppid));
  });

  it("release by a process that does not hold the lock leaves it alone", () => {
    acquirePgliteLock(dir, process.ppid);
    releasePgliteLock(dir);
    expect(readFileSync(lockPathFor(dir), "utf8")).toBe(String(process.ppid));
  });
});
