import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { MIGRATIONS_DIR } from "@/db/config";
import { baseUrl } from "./pg-databases";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated PGlite data folder (dumpDataDir's tarball) each in-memory test database starts from. */
    pgliteTemplate: string;
  }
}

const made = Symbol.for("tend.test.pglite-template");
type G = typeof globalThis & { [made]?: Promise<string> };

/**
 * vitest globalSetup: on PGlite, migrates one in-memory database and dumps its data folder, and
 * every integration test file's database starts from that (PGLITE_TEMPLATE, set by
 * pg-per-file.ts): a file then skips initdb and the migrations, about 2 s each.
 */
export default async function setup(project: TestProject) {
  if (baseUrl()) return;
  // Both integration projects name this setup: the template is made once per run.
  const g = globalThis as G;
  const first = !g[made];
  g[made] ??= (async () => {
    const pg = await PGlite.create({ extensions: { pg_trgm } });
    await migrate(drizzle({ client: pg }), { migrationsFolder: MIGRATIONS_DIR });
    const dump = await pg.dumpDataDir("none");
    await pg.close();
    const file = path.join(tmpdir(), `tend-pglite-template-${process.pid}.tar`);
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    return file;
  })();
  const file = await g[made];
  project.provide("pgliteTemplate", file);
  if (first) return () => rmSync(file, { force: true });
}
