import { createHash, timingSafeEqual } from "node:crypto";
import type { Db } from "@/db/client";
import { checkpointCall } from "./calls-in-flight";
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

/**
 * What the SDK sends as its bearer token: the signing key's prefix and the SHA-256 of the rest
 * read as hex the way the SDK's hash library reads it (other characters dropped, an odd length
 * padded in front, a pair that is no hex number read as far as it is, or as 0), so a key that
 * is not pure hex gives the same token the SDK computes.
 */
export function hashedSigningKey(signingKey: string): string {
  const prefix = /^signkey-\w+-/.exec(signingKey)?.[0] ?? "";
  let hex = signingKey.slice(prefix.length).replace(/[^a-z0-9]+/gi, "");
  if (hex.length % 2) hex = `0${hex}`;
  const bytes = Array.from({ length: hex.length / 2 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16) || 0);
  return prefix + createHash("sha256").update(Buffer.from(bytes)).digest("hex");
}

/**
 * The executor's checkpoint API (`POST /v1/checkpoint/<run>/async`), shared by the Next route and
 * the test harness: the SDK posts the steps a call has run and goes on. 409 tells it the run
 * ended (it stops); 400 makes it answer with the steps instead (a call this process is not
 * making, or steps it cannot take this way).
 */
export async function checkpointRequest(
  runId: string,
  authorization: string | null,
  signingKey: string,
  text: string,
): Promise<HttpReply> {
  if (!sameKey(authorization ?? "", `Bearer ${hashedSigningKey(signingKey)}`))
    return { status: 401, body: { error: "unknown signing key" } };
  let body: { qi_id?: unknown; steps?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return { status: 400, body: { error: "the body is not JSON" } };
  }
  if (typeof body?.qi_id !== "string") return { status: 400, body: { error: "qi_id is missing" } };
  const outcome = await checkpointCall(runId, body.qi_id, body.steps);
  if (outcome === "ended") return { status: 409, body: { error: "the run has ended" } };
  if (outcome === "unknown") return { status: 400, body: { error: "not a call in flight here" } };
  if (outcome === "invalid") return { status: 400, body: { error: "steps must be completed steps within 4 MB" } };
  return { status: 200, body: {} };
}
