import { asc, eq, lte, and } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executorCrons, executorEvents } from "@/db/schema";
import type { FnConfig } from "./config";
import { nextCronTime } from "./cron";
import { createRun } from "./runs";
import { SCHEDULED_TIMER, type InngestEvent } from "./types";

/** Starts a run for every cron that is due, once per fire time (even with several instances). */
export async function fireDueCrons(db: Db, env: string, fns: Map<string, FnConfig>, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(executorCrons)
      .where(and(eq(executorCrons.env, env), lte(executorCrons.nextAt, now)))
      .orderBy(asc(executorCrons.nextAt))
      .limit(50)
      .for("update", { skipLocked: true });
    for (const cron of due) {
      const fn = fns.get(cron.functionId);
      if (fn) {
        const event: InngestEvent = {
          id: `cron-${cron.functionId}-${cron.nextAt.toISOString()}`,
          name: SCHEDULED_TIMER,
          data: { cron: cron.cron },
          ts: cron.nextAt.getTime(),
        };
        const stored = await tx
          .insert(executorEvents)
          .values({
            env,
            id: event.id,
            name: event.name,
            data: event.data,
            ts: event.ts,
            receivedAt: now,
            processedAt: now,
          })
          .onConflictDoNothing()
          .returning({ id: executorEvents.id });
        if (stored.length) await createRun(tx, env, fn, event, now);
      }
      await tx
        .update(executorCrons)
        .set({ nextAt: nextCronTime(cron.cron, now) })
        .where(and(eq(executorCrons.functionId, cron.functionId), eq(executorCrons.cron, cron.cron)));
    }
    return due.length;
  });
}
