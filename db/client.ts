import { mkdirSync } from "node:fs";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";
import { databaseTarget, MIGRATIONS_DIR, type DatabaseTarget } from "./config";
import { acquirePgliteLock } from "./pglite-lock";
import type { PGlite } from "@electric-sql/pglite";
import { startPgliteThread } from "./pglite-thread";
import { withPreparedStatements } from "./prepared-statements";
import { withReservedTransactions } from "./reserved-transactions";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** A database handle or an open transaction: lib functions accept either. */
export type DbOrTx = Db | Tx;

export type DbHandle = { db: Db; target: DatabaseTarget; close: () => Promise<void> };

// A migration run is serialised across processes sharing one PostgreSQL.
const MIGRATION_LOCK_KEY = 7_310_514;

async function openPostgres(url: string): Promise<DbHandle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");

  const migrationClient = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrationClient`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migrate(drizzle(migrationClient), { migrationsFolder: MIGRATIONS_DIR });
    await migrationClient`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await migrationClient.end();
  }

  const client = postgres(url, { max: Number(process.env.DATABASE_POOL_SIZE ?? 10), onnotice: () => {} });
  const pool = process.env.DATABASE_PREPARE === "false" ? client : withPreparedStatements(client);
  const db = drizzle(withReservedTransactions(pool), { schema }) as unknown as Db;
  return { db, target: { kind: "postgres", url }, close: () => client.end({ timeout: 5 }) };
}

async function openPglite(dir: string): Promise<DbHandle> {
  const inMemory = dir.startsWith("memory://");
  const release = inMemory ? () => {} : acquirePgliteLock(dir);
  try {
    if (!inMemory) mkdirSync(dir, { recursive: true });
    const { drizzle } = await import("drizzle-orm/pglite");
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    // PGLITE_TEMPLATE: a migrated data folder an in-memory database starts from (the test suite's).
    const template = inMemory ? process.env.PGLITE_TEMPLATE?.trim() || undefined : undefined;
    const client = await startPgliteThread(dir, { loadDataDir: template });
    const db = drizzle({ client: client as unknown as PGlite, schema });
    await migrate(db, { migrationsFolder: MIGRATIONS_DIR }).catch(async (e: unknown) => {
      await client.close();
      throw e;
    });
    process.once("exit", release);
    return {
      db: db as unknown as Db,
      target: { kind: "pglite", dir },
      close: async () => {
        // Keep the exit hook until released: Next may exit the process while close() awaits.
        try {
          await client.close();
        } finally {
          release();
          process.off("exit", release);
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

export async function openDatabase(target: DatabaseTarget = databaseTarget()): Promise<DbHandle> {
  return target.kind === "postgres" ? openPostgres(target.url) : openPglite(target.dir);
}

// One handle per process: Next bundles route handlers, actions and instrumentation separately,
// so the singleton lives on globalThis rather than in module state.
const globalKey = Symbol.for("tend.db");
type GlobalWithDb = typeof globalThis & { [globalKey]?: Promise<DbHandle> };

export function getDbHandle(): Promise<DbHandle> {
  const g = globalThis as GlobalWithDb;
  if (!g[globalKey]) {
    g[globalKey] = openDatabase().then((handle) => {
      closeOnSignals(handle);
      return handle;
    });
    g[globalKey].catch(() => {
      delete g[globalKey];
    });
  }
  return g[globalKey];
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

export async function closeDb(): Promise<void> {
  const g = globalThis as GlobalWithDb;
  const pending = g[globalKey];
  delete g[globalKey];
  if (pending) await (await pending).close();
}

function closeOnSignals(handle: DbHandle) {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      handle.close().finally(() => process.exit(0));
    });
  }
}
