import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { contactImportChunks, contactImports } from "@/db/schema";
import { IMPORT_CHUNK_ROWS } from "./process-batch";
import type { Ctx } from "../../context";
import { NotFoundError, ValidationError } from "../../errors";
import { requirePermission } from "../../auth/permissions";
import { emitEvent } from "../../events/emit";
import { IMPORT_MODES } from "../constants";
import { parseCsv, type ParsedCsv } from "./csv-parse";
import { FileTooLargeError, parseCsvStream } from "./csv-stream";
import { IMPORT_FIELD_NAMES } from "./fields";
import { userIdOf } from "../../actors";
import { recordAudit } from "../../audit/record";

export const MAX_IMPORT_ROWS = 200_000;
export const MAX_IMPORT_BYTES = 40 * 1024 * 1024;

const createSchema = z.object({
  fileName: z.string().trim().min(1).max(200),
  text: z.string().max(MAX_IMPORT_BYTES, "The file is larger than 40 MB"),
  mapping: z.partialRecord(z.enum(IMPORT_FIELD_NAMES), z.number().int().min(0)),
  mode: z.enum(IMPORT_MODES, "Choose whether to update or skip customers whose email already exists"),
});

const metaSchema = createSchema.omit({ text: true });
type ImportMeta = z.output<typeof metaSchema>;

/** Stores the parsed rows as a job and announces it (through the outbox) for the background import. */
export async function createImportJob(ctx: Ctx, input: unknown): Promise<string> {
  requirePermission(ctx.actor, "customers:import");
  const d = createSchema.parse(input);
  return storeImportJob(ctx, d, parseCsv(d.text));
}

/**
 * The same from an upload streamed as it arrives (the import page sends the file itself as the
 * body): the CSV is parsed chunk by chunk, never held whole as one string, and a file over 40 MB
 * stops being read at 40 MB.
 */
export async function createImportJobFromStream(
  ctx: Ctx,
  meta: unknown,
  body: ReadableStream<Uint8Array>,
): Promise<string> {
  requirePermission(ctx.actor, "customers:import");
  const d = metaSchema.parse(meta);
  let parsed: ParsedCsv;
  try {
    parsed = await parseCsvStream(body, MAX_IMPORT_BYTES);
  } catch (error) {
    if (error instanceof FileTooLargeError) throw new ValidationError({ file: "The file is larger than 40 MB" });
    throw error;
  }
  return storeImportJob(ctx, d, parsed);
}

async function storeImportJob(ctx: Ctx, d: ImportMeta, { rows, unterminatedQuoteAtLine }: ParsedCsv) {
  if (unterminatedQuoteAtLine !== null)
    throw new ValidationError({ file: `A quote opened on line ${unterminatedQuoteAtLine} is never closed` });
  const [headers, ...data] = rows;
  if (!headers || data.length === 0) throw new ValidationError({ file: "The file has no rows under its header line" });
  if (data.length > MAX_IMPORT_ROWS)
    throw new ValidationError({
      file: `The file has ${data.length} rows; split it into files of at most ${MAX_IMPORT_ROWS}`,
    });
  if (d.mapping.firstName === undefined && d.mapping.fullName === undefined)
    throw new ValidationError({ mapping: "Map a column to First name or Full name" });
  for (const [field, index] of Object.entries(d.mapping)) {
    if (index >= headers.length)
      throw new ValidationError({ mapping: `${field} points at a column the file does not have` });
  }
  return ctx.db.transaction(async (tx) => {
    const [job] = await tx
      .insert(contactImports)
      .values({
        orgId: ctx.orgId,
        createdById: userIdOf(ctx.actor),
        fileName: d.fileName,
        mode: d.mode,
        mapping: d.mapping,
        headers,
        totalRows: data.length,
      })
      .returning({ id: contactImports.id });
    for (let start = 0; start < data.length; start += IMPORT_CHUNK_ROWS) {
      await tx.insert(contactImportChunks).values({
        importId: job!.id,
        orgId: ctx.orgId,
        startRow: start,
        rows: data.slice(start, start + IMPORT_CHUNK_ROWS),
      });
    }
    await emitEvent(tx, "crm/contacts.import_requested", { orgId: ctx.orgId, importId: job!.id });
    await recordAudit(tx, ctx, {
      action: "customers.imported",
      target: { id: job!.id, label: d.fileName },
      data: { rows: data.length, mode: d.mode },
    });
    return job!.id;
  });
}

const statusColumns = {
  id: contactImports.id,
  fileName: contactImports.fileName,
  mode: contactImports.mode,
  status: contactImports.status,
  totalRows: contactImports.totalRows,
  processedRows: contactImports.processedRows,
  createdCount: contactImports.createdCount,
  updatedCount: contactImports.updatedCount,
  skippedCount: contactImports.skippedCount,
  error: contactImports.error,
  createdAt: contactImports.createdAt,
  finishedAt: contactImports.finishedAt,
};

export async function getImportStatus(ctx: Ctx, importId: unknown) {
  requirePermission(ctx.actor, "customers:import");
  const id = z.uuid().safeParse(importId);
  if (!id.success) throw new NotFoundError("That import");
  const [job] = await ctx.db
    .select({
      ...statusColumns,
      notLandedCount: sql<number>`jsonb_array_length(${contactImports.rejected})`.mapWith(Number),
    })
    .from(contactImports)
    .where(and(eq(contactImports.id, id.data), eq(contactImports.orgId, ctx.orgId)));
  if (!job) throw new NotFoundError("That import");
  return job;
}

export async function listImports(ctx: Ctx) {
  requirePermission(ctx.actor, "customers:import");
  return ctx.db
    .select(statusColumns)
    .from(contactImports)
    .where(eq(contactImports.orgId, ctx.orgId))
    .orderBy(desc(contactImports.createdAt))
    .limit(10);
}

/** Rows that did not land (invalid or skipped), with the reason and the original values, as CSV. */
export async function rejectedRowsCsv(ctx: Ctx, importId: unknown): Promise<string> {
  requirePermission(ctx.actor, "customers:import");
  const id = z.uuid().safeParse(importId);
  if (!id.success) throw new NotFoundError("That import");
  const [job] = await ctx.db
    .select({ headers: contactImports.headers, rejected: contactImports.rejected })
    .from(contactImports)
    .where(and(eq(contactImports.id, id.data), eq(contactImports.orgId, ctx.orgId)));
  if (!job) throw new NotFoundError("That import");
  const { csvLine } = await import("../csv");
  let out = csvLine(["Row", "Reason", ...job.headers]);
  for (const r of job.rejected) out += csvLine([r.row, r.reason, ...job.headers.map((h) => r.values[h] ?? "")]);
  return out;
}
