import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { MIGRATIONS_DIR } from "@/db/config";

export const EXPECTED_TABLES = [
  "activities",
  "app_meta",
  "audit_events",
  "event_outbox",
  "contact_tags",
  "contacts",
  "login_attempts",
  "organizations",
  "tags",
  "users",
];

/** postgres-js returns the rows themselves, PGlite wraps them in { rows }. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export async function publicTables(db: Db): Promise<string[]> {
  const rows = await queryRows<{ table_name: string }>(
    db,
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  );
  return rows.map((r) => r.table_name);
}

export async function appliedMigrations(db: Db): Promise<{ hash: string; createdAt: number }[]> {
  const rows = await queryRows<{ hash: string; created_at: string | number }>(
    db,
    sql`select hash, created_at from drizzle.__drizzle_migrations order by id`,
  );
  return rows.map((r) => ({ hash: r.hash, createdAt: Number(r.created_at) }));
}

/** What drizzle records for each migration in the journal: the file's sha256 and the journal's timestamp. */
export function journalMigrations(): { hash: string; createdAt: number }[] {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8")) as {
    entries: { tag: string; when: number }[];
  };
  return journal.entries.map((entry) => ({
    hash: createHash("sha256")
      .update(readFileSync(path.join(MIGRATIONS_DIR, `${entry.tag}.sql`), "utf8"))
      .digest("hex"),
    createdAt: entry.when,
  }));
}
