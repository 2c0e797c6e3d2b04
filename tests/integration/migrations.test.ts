import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { openDatabase, type Db } from "@/db/client";
import { organizations } from "@/db/schema";
import { appliedMigrations, EXPECTED_TABLES, journalMigrations, publicTables } from "./db-queries";
import { usingPostgres, setupTestDb } from "./helpers";

const getDb = setupTestDb();
const tempDirs: string[] = [];

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

async function expectMigrated(db: Db) {
  expect(await publicTables(db)).toEqual(expect.arrayContaining(EXPECTED_TABLES));
  const journal = journalMigrations();
  expect(journal.length).toBeGreaterThan(0);
  // Every committed migration applied, each exactly once, in order.
  expect(await appliedMigrations(db)).toEqual(journal);
}

describe("migrations", () => {
  it(`leave the test database (${usingPostgres ? "PostgreSQL" : "PGlite"}) with every table and each journal entry applied once`, async () => {
    await expectMigrated(getDb());
  });

  it("reopening an existing PGlite folder keeps its data and does not re-run them", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "tend-migrate-")), "pglite");
    tempDirs.push(path.dirname(dir));
    const first = await openDatabase({ kind: "pglite", dir });
    const [org] = await first.db
      .insert(organizations)
      .values({ name: "Survives a restart" })
      .returning({ id: organizations.id });
    await expectMigrated(first.db);
    await first.close();

    const second = await openDatabase({ kind: "pglite", dir });
    try {
      await expectMigrated(second.db);
      const rows = await second.db
        .select({ name: organizations.name })
        .from(organizations)
        .where(eq(organizations.id, org!.id));
      expect(rows).toEqual([{ name: "Survives a restart" }]);
    } finally {
      await second.close();
    }
  });

  it.skipIf(!usingPostgres)(
    "on PostgreSQL, opening again (a second process booting) applies nothing twice",
    async () => {
      const url = process.env.DATABASE_URL!.trim();
      const handles = await Promise.all([
        openDatabase({ kind: "postgres", url }),
        openDatabase({ kind: "postgres", url }),
      ]);
      try {
        for (const handle of handles) await expectMigrated(handle.db);
      } finally {
        await Promise.all(handles.map((h) => h.close()));
      }
    },
  );
});
