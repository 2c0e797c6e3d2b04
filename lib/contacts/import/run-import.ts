import type { Db } from "@/db/client";
import { finishImport, processImportBatch, startImport } from "./process-batch";

/** The part of Inngest's step API the import uses, so tests can drive it without an executor. */
export type StepRunner = { run: <T>(id: string, fn: () => Promise<T>) => Promise<unknown> };

/** One step to start, one per batch (each its own transaction), one to finish. */
export async function runImport(getDb: () => Promise<Db>, data: { orgId: string; importId: string }, step: StepRunner) {
  const { totalRows, batchSize } = (await step.run("start", async () => startImport(await getDb(), data.orgId, data.importId))) as { totalRows: number; batchSize: number };
  for (let start = 0; start < totalRows; start += batchSize) {
    await step.run(`batch-${start / batchSize}`, async () => processImportBatch(await getDb(), data.orgId, data.importId, start, batchSize));
  }
  await step.run("finish", async () => finishImport(await getDb(), data.orgId, data.importId));
  return { importId: data.importId, totalRows };
}
