import { createHash, randomBytes } from "node:crypto";

/** Recognisable in logs and by secret scanners; the random part carries 256 bits. */
export const API_KEY_PREFIX = "tend_live_";
/** How much of a key is kept in clear to tell keys apart in a list. */
const VISIBLE_CHARS = API_KEY_PREFIX.length + 6;

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, prefix: key.slice(0, VISIBLE_CHARS), hash: hashApiKey(key) };
}

/** A fast hash is enough: the key is random and long, so there is nothing to brute-force. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(API_KEY_PREFIX) && value.length > VISIBLE_CHARS && value.length <= 200;
}
