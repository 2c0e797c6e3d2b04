import path from "node:path";

export const DATA_DIR = path.resolve(/*turbopackIgnore: true*/ process.env.TEND_DATA_DIR ?? ".data");

export type DatabaseTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dir: string };

export function databaseTarget(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: "postgres", url };
  const dir = env.PGLITE_DIR?.trim();
  if (dir?.startsWith("memory://")) return { kind: "pglite", dir };
  return { kind: "pglite", dir: path.resolve(/*turbopackIgnore: true*/ dir || path.join(DATA_DIR, "pglite")) };
}

export function isEmbeddedDefault(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.DATABASE_URL?.trim();
}

export const MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");
