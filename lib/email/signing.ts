import { createHmac, timingSafeEqual } from "node:crypto";
import { getAuthSecret } from "../auth/secret";

/**
 * Signed link tokens (unsubscribe, click, open). They never expire: an unsubscribe link in a
 * years-old email must still work. The key is derived from EMAIL_LINK_SECRET or AUTH_SECRET.
 */
type Kind = "u" | "c" | "o";

let cachedKey: { base: string; key: Buffer } | undefined;

function key(): Buffer {
  const base = process.env.EMAIL_LINK_SECRET?.trim() || getAuthSecret();
  if (cachedKey?.base !== base)
    cachedKey = { base, key: createHmac("sha256", base).update("tend email links v1").digest() };
  return cachedKey.key;
}

function mac(kind: Kind, body: string): Buffer {
  return createHmac("sha256", key()).update(`${kind}.${body}`).digest();
}

export function signToken(kind: Kind, payload: Record<string, unknown>): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${mac(kind, body).toString("base64url")}`;
}

/** The payload, or null for anything tampered, truncated or of another kind. */
export function verifyToken(kind: Kind, token: string): Record<string, unknown> | null {
  if (typeof token !== "string" || token.length > 4096) return null;
  const dot = token.indexOf(".");
  if (dot <= 0) return null;
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), "base64url");
  const expected = mac(kind, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
