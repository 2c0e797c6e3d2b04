import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

export class DatabaseLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database folder ${dir} is in use by process ${pid}. ` +
        `Stop that process, or point PGLITE_DIR at another folder.`,
    );
    this.name = "DatabaseLockedError";
  }
}

export function lockPathFor(dir: string): string {
  return path.join(path.dirname(dir), `${path.basename(dir)}.lock`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, "utf8").trim(), 10);
    return Number.isFinite(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * PGlite has no multi-process locking: two processes on one folder corrupt it for good.
 * Takes an exclusive lock file holding our pid; a lock whose pid is dead is taken over.
 * Returns a release function.
 */
export function acquirePgliteLock(dir: string, pid = process.pid): () => void {
  const lockPath = lockPathFor(dir);
  mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(pid));
      closeSync(fd);
      return () => releasePgliteLock(dir, pid);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readHolder(lockPath);
    if (holder === pid) return () => releasePgliteLock(dir, pid);
    if (holder !== null && isAlive(holder)) throw new DatabaseLockedError(dir, holder);
    try {
      unlinkSync(lockPath);
    } catch {
      // Another process took it over first; the next attempt finds out who.
    }
  }
  throw new DatabaseLockedError(dir, readHolder(lockPath) ?? -1);
}

export function releasePgliteLock(dir: string, pid = process.pid): void {
  const lockPath = lockPathFor(dir);
  if (readHolder(lockPath) !== pid) return;
  try {
    unlinkSync(lockPath);
  } catch {
    // Already gone.
  }
}
