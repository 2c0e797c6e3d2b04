// Shared set-up for the benches: which database, a throwaway organisation, and the numbers.
import { mkdtempSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { openDatabase, type Db, type DbHandle } from "@/db/client";
import { databaseTarget, type DatabaseTarget } from "@/db/config";
import { acquirePgliteLock } from "@/db/pglite-lock";
import { organizations, users } from "@/db/schema";
import type { UserCtx } from "@/lib/context";

export const log = (...args: unknown[]) => console.error("[bench]", ...args);

/** Nearest-rank 95th percentile: the ⌈0.95·n⌉-th smallest value (NaN when there are none). */
export function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length * 0.95) - 1] ?? Number.NaN;
}

export type BenchDatabase = {
  handle: DbHandle;
  db: Db;
  target: DatabaseTarget;
  driver: DatabaseTarget["kind"];
  cleanup: () => Promise<void>;
};

type OpenOptions = {
  /**
   * Where PGlite lives when DATABASE_URL is not set:
   * "data" — .data/bench-<name>, emptied first and kept afterwards to look at (PGLITE_DIR points at it);
   * "temp" — a temporary folder that cleanup() removes.
   */
  pglite?: "data" | "temp";
  /** PGlite allows one handle per folder: make the app's getDb() use this one, not open .data/pglite. */
  shareWithApp?: boolean;
};

/** DATABASE_URL set → PostgreSQL; otherwise a fresh PGlite folder. cleanup() closes it. */
export async function openBenchDatabase(
  name: string,
  { pglite = "data", shareWithApp = false }: OpenOptions = {},
): Promise<BenchDatabase> {
  let target = databaseTarget();
  let temp: string | null = null;
  if (target.kind === "pglite") {
    if (pglite === "temp") {
      temp = mkdtempSync(path.join(tmpdir(), `tend-bench-${name}-`));
      target = { kind: "pglite", dir: path.join(temp, "pglite") };
    } else {
      const dir = path.resolve(`.data/bench-${name}`);
      // Locked before it is emptied: the same bench still running keeps its folder (and says so).
      acquirePgliteLock(dir);
      rmSync(dir, { recursive: true, force: true });
      process.env.PGLITE_DIR = dir;
      target = { kind: "pglite", dir };
    }
  }
  const handle = await openDatabase(target);
  if (shareWithApp && target.kind === "pglite")
    (globalThis as Record<symbol, unknown>)[Symbol.for("tend.db")] = Promise.resolve(handle);
  return {
    handle,
    db: handle.db,
    target,
    driver: target.kind,
    cleanup: async () => {
      await handle.close();
      if (temp) rmSync(temp, { recursive: true, force: true });
    },
  };
}

export type BenchOrg = { orgId: string; ownerId: string; ctx: UserCtx; remove: () => Promise<void> };

/** A new organisation with its owner; `overrides` are organisation columns (time zone, quiet hours…). */
export async function createBenchOrg(
  db: Db,
  overrides: Partial<typeof organizations.$inferInsert> = {},
): Promise<BenchOrg> {
  const [org] = await db
    .insert(organizations)
    .values({ name: `Bench ${Date.now()}`, ...overrides })
    .returning({ id: organizations.id });
  const orgId = org!.id;
  const [owner] = await db
    .insert(users)
    .values({
      orgId,
      email: `bench-${randomUUID()}@bench.example`,
      name: "Bench Owner",
      role: "owner",
      passwordHash: "x",
    })
    .returning({ id: users.id });
  return {
    orgId,
    ownerId: owner!.id,
    ctx: { orgId, actor: { kind: "user", id: owner!.id, role: "owner" }, db } satisfies UserCtx,
    // Everything the bench made hangs off the organisation and goes with it (on delete cascade).
    // BENCH_KEEP_ORG=1 leaves it in place to look into (EXPLAIN) after the run.
    remove: async () => {
      if (process.env.BENCH_KEEP_ORG === "1") return console.error(`[bench] kept organisation ${orgId}`);
      await db.delete(organizations).where(eq(organizations.id, orgId));
    },
  };
}
