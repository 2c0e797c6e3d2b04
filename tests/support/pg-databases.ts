import postgres from "postgres";

/**
 * On PostgreSQL every integration test file gets a database of its own, cloned from a template
 * migrated once per run (CREATE DATABASE … TEMPLATE takes a fraction of a second). Files then
 * never see each other's rows or the executor's clock, and can run side by side.
 * Needs the CREATEDB privilege on the server DATABASE_URL points at.
 */
export const BASE_URL_VAR = "TEND_TEST_BASE_DATABASE_URL";

export function baseUrl(): string | null {
  const url = (process.env[BASE_URL_VAR] ?? process.env.DATABASE_URL ?? "").trim();
  return url || null;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export function baseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1)) || "postgres";
}

export const templateName = (url: string) => `${baseName(url)}_tmpl`;
export const filePrefix = (url: string) => `${baseName(url)}_f_`;

/** Runs fn with a connection to the server's maintenance database. */
export async function onServer<T>(url: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(withDatabase(url, "postgres"), { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
