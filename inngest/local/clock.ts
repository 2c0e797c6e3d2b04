import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { executorClock } from "@/db/schema";

/**
 * The executor's clock: wall time plus an offset kept in the database, so `npm run clock --
 * advance 24h` (tests, demos) wakes due sleeps and fires timeouts. Shared across Next bundles.
 */
const key = Symbol.for("tend.executor.clock");
type G = typeof globalThis & { [key]?: { offsetMs: number } };
const state = () => ((globalThis as G)[key] ??= { offsetMs: 0 });

export function clockNow(): Date {
  return new Date(Date.now() + state().offsetMs);
}

export function clockOffsetMs(): number {
  return state().offsetMs;
}

export async function loadClock(db: DbOrTx): Promise<number> {
  const [row] = await db.select().from(executorClock).limit(1);
  state().offsetMs = row?.offsetMs ?? 0;
  return state().offsetMs;
}

export async function advanceClock(db: DbOrTx, ms: number): Promise<Date> {
  if (!Number.isFinite(ms) || ms < 0) throw new Error("The clock only moves forward.");
  const [row] = await db
    .insert(executorClock)
    .values({ id: 1, offsetMs: ms })
    .onConflictDoUpdate({ target: executorClock.id, set: { offsetMs: sql`${executorClock.offsetMs} + ${ms}` } })
    .returning();
  state().offsetMs = row!.offsetMs;
  return clockNow();
}
