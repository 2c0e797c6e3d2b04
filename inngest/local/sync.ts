import { and, eq, notInArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executorCrons, executorFunctions } from "@/db/schema";
import { configProblems, type FnConfig } from "./config";
import { nextCronTime } from "./cron";
import { signBody } from "./sign";

export class SyncError extends Error {}

/** In-band sync: asks the serve handler for its functions, checks them, stores them. */
export async function syncApp(
  db: Db,
  env: string,
  serveUrl: string,
  signingKey: string,
  now: Date,
  timeoutMs = 60_000,
): Promise<FnConfig[]> {
  const body = JSON.stringify({ url: serveUrl });
  const res = await fetch(serveUrl, {
    method: "PUT",
    body,
    headers: {
      "content-type": "application/json",
      "x-inngest-sync-kind": "in_band",
      "x-inngest-signature": signBody(body, signingKey),
    },
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  if (!res.ok) throw new SyncError(`sync of ${serveUrl} failed: ${res.status} ${text.slice(0, 500)}`);
  const app = JSON.parse(text) as { app_id: string; functions: FnConfig[] };
  const fns = app.functions ?? [];
  const problems = fns.flatMap(configProblems);
  if (problems.length)
    throw new SyncError(
      `The embedded executor cannot run these functions (see README, "Embedded executor"):\n- ${problems.join("\n- ")}`,
    );
  await db.transaction(async (tx) => {
    for (const fn of fns) {
      const values = {
        env,
        id: fn.id,
        appId: app.app_id,
        name: fn.name ?? fn.id,
        url: fn.steps.step!.runtime.url,
        config: fn as Record<string, unknown>,
        active: true,
        syncedAt: now,
      };
      await tx
        .insert(executorFunctions)
        .values(values)
        .onConflictDoUpdate({ target: executorFunctions.id, set: values });
      const crons = fn.triggers.flatMap((t) => ("cron" in t ? [t.cron] : []));
      if (crons.length) {
        await tx
          .delete(executorCrons)
          .where(and(eq(executorCrons.functionId, fn.id), notInArray(executorCrons.cron, crons)));
        for (const cron of crons)
          await tx
            .insert(executorCrons)
            .values({ env, functionId: fn.id, cron, nextAt: nextCronTime(cron, now) })
            .onConflictDoNothing();
      } else await tx.delete(executorCrons).where(eq(executorCrons.functionId, fn.id));
    }
    const ids = fns.map((f) => f.id);
    const others = and(
      eq(executorFunctions.env, env),
      eq(executorFunctions.appId, app.app_id),
      ids.length ? notInArray(executorFunctions.id, ids) : undefined,
    );
    await tx.update(executorFunctions).set({ active: false }).where(others);
  });
  return fns;
}

export async function loadFunctions(db: Db, env: string): Promise<FnConfig[]> {
  const rows = await db
    .select()
    .from(executorFunctions)
    .where(and(eq(executorFunctions.env, env), eq(executorFunctions.active, true)));
  return rows.map((r) => r.config as FnConfig);
}
