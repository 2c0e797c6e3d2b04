import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { BASE_URL_VAR, baseUrl, filePrefix, onServer, templateName, withDatabase } from "./pg-databases";

// vitest setupFiles: before a test file opens the database, point DATABASE_URL at a fresh clone
// of the migrated template (see pg-template.ts); drop it when the file is done.
const base = baseUrl();
if (base) {
  process.env[BASE_URL_VAR] = base;
  const name = `${filePrefix(base)}${randomBytes(6).toString("hex")}`;
  await onServer(base, (sql) => sql.unsafe(`create database "${name}" template "${templateName(base)}"`));
  process.env.DATABASE_URL = withDatabase(base, name);
  afterAll(async () => {
    await onServer(base, (sql) => sql.unsafe(`drop database if exists "${name}" with (force)`));
  });
}

// On PGlite: the in-memory database starts from the migrated template (pglite-template.ts).
const pgliteTemplate = base ? undefined : inject("pgliteTemplate");
if (pgliteTemplate) process.env.PGLITE_TEMPLATE = pgliteTemplate;
