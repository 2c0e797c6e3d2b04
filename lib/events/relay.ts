import "server-only";
import { and, asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { eventOutbox } from "@/db/schema";

export type SendEvents = (events: { id: string; name: string; data: Record<string, unknown> }[]) => Promise<unknown>;

const CLAIM_MS = 60_000;

/** 1 s, 2 s, 4 s … capped at 5 minutes. */
export function relayBackoffMs(attempts: number): number {
  return Math.min(1_000 * 2 ** Math.max(0, attempts - 1), 300_000);
}

/**
 * Hands pending outbox rows to Inngest, with the row id as the event id (so a resend after a
 * crash is deduplicated). Rows are claimed with a short lease, and sent outside any
 * transaction: with PGlite the event API of the same process must be able to write meanwhile.
 */
export async function relayOnce(
  db: Db,
  send: SendEvents,
  batch = 100,
  now = new Date(),
  onlyOrgId?: string,
): Promise<number> {
  const rows = await db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(eventOutbox)
      // onlyOrgId: tests sharing one PostgreSQL database relay their own organisation's rows only.
      .where(
        and(
          isNull(eventOutbox.sentAt),
          lte(eventOutbox.nextAttemptAt, now),
          onlyOrgId ? eq(eventOutbox.orgId, onlyOrgId) : undefined,
        ),
      )
      .orderBy(asc(eventOutbox.createdAt))
      .limit(batch)
      .for("update", { skipLocked: true });
    if (due.length) {
      await tx
        .update(eventOutbox)
        .set({ nextAttemptAt: new Date(now.getTime() + CLAIM_MS) })
        .where(
          inArray(
            eventOutbox.id,
            due.map((r) => r.id),
          ),
        );
    }
    return due;
  });
  if (!rows.length) return 0;
  const ids = rows.map((r) => r.id);
  try {
    await send(rows.map((r) => ({ id: r.id, name: r.name, data: r.data })));
    await db
      .update(eventOutbox)
      .set({ sentAt: new Date(), attempts: sql`${eventOutbox.attempts} + 1`, lastError: null })
      .where(inArray(eventOutbox.id, ids));
  } catch (e) {
    const message = (e as Error).message?.slice(0, 1000) ?? String(e);
    for (const row of rows) {
      await db
        .update(eventOutbox)
        .set({
          attempts: row.attempts + 1,
          lastError: message,
          nextAttemptAt: new Date(Date.now() + relayBackoffMs(row.attempts + 1)),
        })
        .where(eq(eventOutbox.id, row.id));
    }
  }
  return rows.length;
}

/** Runs the relay until stopped: drains while there is work, then polls. */
export function startRelay(db: Db, send: SendEvents, pollMs = 500): { stop: () => void } {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const loop = async () => {
    let n = 0;
    try {
      n = await relayOnce(db, send);
    } catch (e) {
      console.error(`[relay] ${(e as Error).message}`);
    }
    if (!stopped) timer = setTimeout(() => void loop(), n > 0 ? 0 : pollMs);
  };
  timer = setTimeout(() => void loop(), 0);
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
