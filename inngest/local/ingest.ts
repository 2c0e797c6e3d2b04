import { randomUUID } from "node:crypto";
import type { DbOrTx } from "@/db/client";
import { insertRows } from "@/db/insert-rows";
import { executorEvents } from "@/db/schema";
import { EVENT_LIMIT_BYTES, IngestError, type InngestEvent } from "./types";

/** Validates one incoming event; a clear message names what is wrong. */
export function normalizeEvent(raw: unknown, index: number, now: Date): InngestEvent {
  const where = `event ${index}`;
  if (!raw || typeof raw !== "object" || Array.isArray(raw))
    throw new IngestError(400, `${where}: must be an object with a "name"`);
  const e = raw as Record<string, unknown>;
  if (typeof e.name !== "string" || !e.name.trim())
    throw new IngestError(400, `${where}: "name" must be a non-empty string`);
  if (e.data !== undefined && e.data !== null && (typeof e.data !== "object" || Array.isArray(e.data)))
    throw new IngestError(400, `${where} (${e.name}): "data" must be an object`);
  if (e.id !== undefined && e.id !== null && (typeof e.id !== "string" || e.id.length > 255))
    throw new IngestError(400, `${where} (${e.name}): "id" must be a string of at most 255 characters`);
  if (e.ts !== undefined && e.ts !== null && typeof e.ts !== "number")
    throw new IngestError(400, `${where} (${e.name}): "ts" must be a number of milliseconds`);
  const size = Buffer.byteLength(JSON.stringify(raw));
  if (size > EVENT_LIMIT_BYTES)
    throw new IngestError(413, `${where} (${e.name}): ${size} bytes is over the 512 KB limit for an event`);
  return {
    id: (e.id as string | undefined) || randomUUID(),
    name: e.name,
    data: (e.data as Record<string, unknown> | undefined) ?? {},
    ts: (e.ts as number | undefined) ?? now.getTime(),
    ...(e.user && typeof e.user === "object" ? { user: e.user as Record<string, unknown> } : {}),
  };
}

/** Stores events (a duplicate id is accepted and ignored); the worker matches them later. */
export async function storeEvents(db: DbOrTx, env: string, events: InngestEvent[], now: Date): Promise<string[]> {
  if (events.length === 0) return [];
  // A burst's events (10,000 failed payments) pass through here: one jsonb parameter, not the query builder.
  await insertRows(
    db,
    executorEvents,
    events.map((e) => ({ env, id: e.id, name: e.name, data: e.data, user: e.user ?? null, ts: e.ts, receivedAt: now })),
    { onConflictDoNothing: true }, // the id is the table's only key
  );
  return events.map((e) => e.id);
}

export function parseEventBody(text: string, now: Date): InngestEvent[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new IngestError(400, "the body is not valid JSON");
  }
  const list = Array.isArray(body) ? body : [body];
  const events = list.map((raw, i) => normalizeEvent(raw, i, now));
  const seen = new Set<string>();
  return events.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
}
