// The chaos server's database, opened in two halves: `prepare` (while the process is a standby,
// before the previous server was killed) compiles PGlite's WebAssembly and reads its file
// bundle; `open` (after the kill) only starts PostgreSQL on the folder. The seed (chaos.ts) has
// migrated it through openDatabase already, so the app's code meets the same schema.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { openDatabase, type Db, type DbHandle } from "@/db/client";
import { acquirePgliteLock } from "@/db/pglite-lock";
import * as schema from "@/db/schema";

export async function prepareChaosDb(pgUrl: string | undefined, dir: string): Promise<() => Promise<DbHandle>> {
  if (pgUrl) return () => openDatabase({ kind: "postgres", url: pgUrl });
  const dist = path.dirname(createRequire(path.resolve("package.json")).resolve("@electric-sql/pglite"));
  const [{ PGlite }, { drizzle }, { pg_trgm }, pgliteWasmModule] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("@electric-sql/pglite/contrib/pg_trgm"),
    WebAssembly.compile(readFileSync(path.join(dist, "pglite.wasm"))),
  ]);
  const fsBundle = new Blob([readFileSync(path.join(dist, "pglite.data"))]);
  return async () => {
    const release = acquirePgliteLock(dir);
    const client = await PGlite.create(dir, { extensions: { pg_trgm }, pgliteWasmModule, fsBundle });
    return {
      db: drizzle(client, { schema }) as unknown as Db,
      target: { kind: "pglite", dir },
      close: async () => {
        await client.close();
        release();
      },
    };
  };
}
