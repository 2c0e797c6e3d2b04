import { and, asc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { contactImportChunks, contactImports, tags, type ImportRejection } from "@/db/schema";
import { NotFoundError } from "../../errors";
import type { ColumnMapping } from "./fields";
import { validateRow, type ImportedContact } from "./validate-row";
import { idsByEmail, insertContacts, linkTags, updateContacts } from "./batch-writes";

export const IMPORT_BATCH_SIZE = 1000;
export const IMPORT_CHUNK_ROWS = 1000;
const TAG_COLORS = ["#2563eb", "#7c3aed", "#059669", "#d97706", "#dc2626", "#0891b2"];

/** The job without its rows, locked for the batch's transaction. */
async function loadJobForBatch(tx: DbOrTx, orgId: string, importId: string) {
  const [job] = await tx
    .select({
      processedRows: contactImports.processedRows,
      mapping: contactImports.mapping,
      headers: contactImports.headers,
      mode: contactImports.mode,
      createdById: contactImports.createdById,
      fileName: contactImports.fileName,
    })
    .from(contactImports)
    .where(and(eq(contactImports.id, importId), eq(contactImports.orgId, orgId)))
    .for("update");
  if (!job) throw new NotFoundError("That import");
  return job;
}

export async function startImport(db: Db, orgId: string, importId: string) {
  const [job] = await db
    .select({ status: contactImports.status, totalRows: contactImports.totalRows })
    .from(contactImports)
    .where(and(eq(contactImports.id, importId), eq(contactImports.orgId, orgId)));
  if (!job) throw new NotFoundError("That import");
  if (job.status === "pending")
    await db
      .update(contactImports)
      .set({ status: "running" })
      .where(and(eq(contactImports.id, importId), eq(contactImports.orgId, orgId)));
  return { totalRows: job.totalRows, batchSize: IMPORT_BATCH_SIZE };
}

export type BatchResult = {
  start: number;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  alreadyDone: boolean;
};

/**
 * Imports rows [start, start + batch) in one transaction: all of them land, or none do. A batch
 * that already committed (a retried step) is recognised by processedRows and not applied twice.
 */
export async function processImportBatch(
  db: Db,
  orgId: string,
  importId: string,
  start: number,
  batchSize = IMPORT_BATCH_SIZE,
): Promise<BatchResult> {
  return db.transaction(async (tx) => {
    const job = await loadJobForBatch(tx, orgId, importId);
    if (job.processedRows > start) return { start, created: 0, updated: 0, skipped: 0, rejected: 0, alreadyDone: true };
    // Only the chunks holding this batch's rows leave the database, not the whole file.
    const firstChunk = Math.floor(start / IMPORT_CHUNK_ROWS) * IMPORT_CHUNK_ROWS;
    const chunks = await tx
      .select({ rows: contactImportChunks.rows })
      .from(contactImportChunks)
      .where(
        and(
          eq(contactImportChunks.importId, importId),
          eq(contactImportChunks.orgId, orgId),
          gte(contactImportChunks.startRow, firstChunk),
          lt(contactImportChunks.startRow, start + batchSize),
        ),
      )
      .orderBy(asc(contactImportChunks.startRow));
    const slice = chunks.flatMap((c) => c.rows).slice(start - firstChunk, start - firstChunk + batchSize);
    const mapping = job.mapping as ColumnMapping;
    const rejected: ImportRejection[] = [];
    const valid: { row: number; contact: ImportedContact }[] = [];
    slice.forEach((values, i) => {
      const row = start + i + 2; // the header is row 1
      const result = validateRow(values, mapping);
      if (result.ok) valid.push({ row, contact: result.contact });
      else
        rejected.push({
          row,
          reason: result.reasons.join("; "),
          values: Object.fromEntries(job.headers.map((h, j) => [h, values[j] ?? ""])),
        });
    });

    const emails = [...new Set(valid.flatMap((v) => (v.contact.email ? [v.contact.email] : [])))];
    const idByEmail = await idsByEmail(tx, orgId, emails);

    // Later rows with the same email as an earlier row of this batch follow the same update-or-skip rule.
    const inserts = new Map<string, { row: number; contact: ImportedContact }>();
    const updates = new Map<string, ImportedContact>();
    let skipped = 0;
    valid.forEach((v, i) => {
      const email = v.contact.email;
      const known = email ? (idByEmail.get(email) ?? (inserts.has(email) ? "pending" : null)) : null;
      if (!known) {
        inserts.set(email ?? `row:${i}`, v);
        return;
      }
      if (job.mode === "skip") {
        skipped++;
        rejected.push({
          row: v.row,
          reason: "skipped: a customer with this email already exists",
          values: Object.fromEntries(job.headers.map((h, j) => [h, slice[v.row - start - 2]![j] ?? ""])),
        });
      } else if (known === "pending") inserts.set(email!, v);
      else updates.set(known, v.contact);
    });

    const toInsert = [...inserts.values()].map((v) => v.contact);
    const tagIds = await ensureTags(
      tx,
      orgId,
      [...toInsert, ...updates.values()].flatMap((c) => c.tags),
    );
    const marker = (updated: boolean) => ({
      orgId,
      actorId: job.createdById,
      timelineData: { fileName: job.fileName, importId, updated },
    });
    const newIds = await insertContacts(tx, marker(false), toInsert);
    const updated = await updateContacts(tx, marker(true), updates);
    const links = [
      ...toInsert.flatMap((c, i) => c.tags.map((t) => ({ contactId: newIds[i]!, tagId: tagIds.get(t)! }))),
      ...[...updates].flatMap(([contactId, c]) => c.tags.map((t) => ({ contactId, tagId: tagIds.get(t)! }))),
    ];
    await linkTags(tx, orgId, links);
    const created = newIds.length;

    rejected.sort((a, b) => a.row - b.row);
    const invalid = rejected.length - skipped;
    await tx
      .update(contactImports)
      .set({
        processedRows: start + slice.length,
        createdCount: sql`${contactImports.createdCount} + ${created}`,
        updatedCount: sql`${contactImports.updatedCount} + ${updated}`,
        skippedCount: sql`${contactImports.skippedCount} + ${skipped}`,
        rejected: sql`${contactImports.rejected} || ${JSON.stringify(rejected)}::jsonb`,
      })
      .where(and(eq(contactImports.id, importId), eq(contactImports.orgId, orgId)));
    return { start, created, updated, skipped, rejected: invalid, alreadyDone: false };
  });
}

async function ensureTags(tx: DbOrTx, orgId: string, names: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(names)];
  if (unique.length === 0) return new Map();
  await tx
    .insert(tags)
    .values(unique.map((name, i) => ({ orgId, name, color: TAG_COLORS[i % TAG_COLORS.length]! })))
    .onConflictDoNothing();
  const rows = await tx
    .select({ id: tags.id, name: tags.name })
    .from(tags)
    .where(and(eq(tags.orgId, orgId), inArray(tags.name, unique)));
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** Marks the job done; its rows (no longer needed) are dropped to keep the table small. */
export async function finishImport(db: Db, orgId: string, importId: string) {
  await db.transaction(async (tx) => {
    await tx
      .update(contactImports)
      .set({ status: "completed", finishedAt: new Date() })
      .where(and(eq(contactImports.id, importId), eq(contactImports.orgId, orgId)));
    await tx
      .delete(contactImportChunks)
      .where(and(eq(contactImportChunks.importId, importId), eq(contactImportChunks.orgId, orgId)));
  });
}

/** After retries are exhausted: the report keeps what landed (processedRows) and why it stopped. */
export async function failImport(db: Db, orgId: string, importId: string, message: string) {
  await db
    .update(contactImports)
    .set({ status: "failed", finishedAt: new Date(), error: message })
    .where(and(eq(contactImports.id, importId), eq(contactImports.orgId, orgId)));
}
