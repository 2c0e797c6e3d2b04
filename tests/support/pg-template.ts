import type postgres from "postgres";
import { openDatabase } from "@/db/client";
import { BASE_URL_VAR, baseUrl, filePrefix, onServer, templateName, withDatabase } from "./pg-databases";

const ready = Symbol.for("tend.test.pg-template");
type G = typeof globalThis & { [ready]?: Promise<void> };

/** vitest globalSetup: migrates the template every integration test file's database is cloned from. */
export default async function setup() {
  const url = baseUrl();
  if (!url) return;
  // Both integration projects name this setup: the template is made once per run.
  const g = globalThis as G;
  if (g[ready]) return g[ready];
  let done = () => {};
  g[ready] = new Promise<void>((r) => (done = r));
  process.env[BASE_URL_VAR] = url;
  const template = templateName(url);
  await onServer(url, async (sql) => {
    // Left by a run that was killed: nobody uses them any more.
    await dropAll(sql, url);
    await sql.unsafe(`create database "${template}"`);
  });
  const handle = await openDatabase({ kind: "postgres", url: withDatabase(url, template) });
  await handle.close();
  done();
  // A file whose tests were all skipped never ran its afterAll: its clone goes here.
  return () => onServer(url, (sql) => dropAll(sql, url));
}

async function dropAll(sql: postgres.Sql, url: string) {
  for (const { datname } of await sql<
    { datname: string }[]
  >`select datname from pg_database where datname like ${`${filePrefix(url)}%`} or datname = ${templateName(url)}`) {
    await sql.unsafe(`drop database if exists "${datname}" with (force)`);
  }
}
