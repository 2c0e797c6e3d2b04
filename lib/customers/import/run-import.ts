import type { Db } from "@/db/client";
import { finishImport, processImportBatch, startImport } from "./process-batch";

/** The part of Inngest's step API the import uses, so tests can drive it without an executor. */
export type StepRunner = { run: <T>(id: string, fn: () => Promise<T>) => Promise<unknown> };

/**
 * A step costs a round trip to the executor and a replay of the function, so one step runs as many
 * batches as fit in a few seconds. Each batch stays its own transaction: a step that fails part-way
 * is retried and skips the batches that already committed (processImportBatch checks processedRows).
 */
export const STEP_BUDGET_MS = 4_000;
export const MAX_BATCHES_PER_STEP = 25;

export async function processBatchesFrom(
  db: Db,
  orgId: string,
  importId: string,
  from: number,
  totalRows: number,
  batchSize: number,
  budgetMs = STEP_BUDGET_MS,
): Promise<number> {
  const started = performance.now();
  let next = from;
  for (let n = 0; next < totalRows && n < MAX_BATCHES_PER_STEP; n++) {
    await processImportBatch(db, orgId, importId, next, batchSize);
    next = Math.min(totalRows, next + batchSize);
    if (performance.now() - started >= budgetMs) break;
  }
  return next;
}

/** One step to start, steps that each run a run of batches, one to finish. */
export async function runImport(
  getDb: () => Promise<Db>,
  data: { orgId: string; importId: string },
  step: StepRunner,
  budgetMs = STEP_BUDGET_MS,
) {
  const { totalRows, batchSize } = (await step.run("start", async () =>
    startImport(await getDb(), data.orgId, data.importId),
  )) as { totalRows: number; batchSize: number };
  let next = 0;
  while (next < totalRows) {
    const from = next;
    next = (await step.run(`rows-from-${from}`, async () =>
      processBatchesFrom(await getDb(), data.orgId, data.importId, from, totalRows, batchSize, budgetMs),
    )) as number;
    if (next <= from) throw new Error(`Import step made no progress at row ${from}`);
  }
  await step.run("finish", async () => finishImport(await getDb(), data.orgId, data.importId));
  return { importId: data.importId, totalRows };
}
