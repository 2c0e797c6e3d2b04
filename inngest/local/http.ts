import { timingSafeEqual } from "node:crypto";
import type { Db } from "@/db/client";
import { clockNow } from "./clock";
import { parseEventBody, storeEvents } from "./ingest";
import { IngestError } from "./types";

export type HttpReply = { status: number; body: unknown };

export function sameKey(given: string, expected: string): boolean {
  const a = Buffer.from(given),
    b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The executor's event API (`POST /e/<key>`), shared by the Next route and the test harness.
 * Replies exactly {"ids":[...],"status":200}, which is what the SDK's send() accepts.
 */
export async function ingestRequest(
  db: Db,
  env: string,
  givenKey: string,
  expectedKey: string,
  text: string,
): Promise<HttpReply> {
  if (!sameKey(givenKey, expectedKey)) return { status: 401, body: { status: 401, error: "unknown event key" } };
  try {
    const now = clockNow();
    const events = parseEventBody(text, now);
    const ids = await storeEvents(db, env, events, now);
    return { status: 200, body: { ids, status: 200 } };
  } catch (e) {
    if (e instanceof IngestError) return { status: e.status, body: { status: e.status, error: e.message } };
    throw e;
  }
}
