import { createHmac, timingSafeEqual } from "node:crypto";
import canonicalize from "canonicalize";

/** Signs a body as Inngest does: HMAC-SHA256(key without its prefix, canonical JSON + t). */
export function signBody(body: string, signingKey: string, unixSeconds = Math.round(Date.now() / 1000)): string {
  const key = signingKey.replace(/^signkey-\w+-/, "");
  let canonical = body;
  try {
    canonical = canonicalize(JSON.parse(body)) ?? body;
  } catch {
    // not JSON: signed as is
  }
  const s = createHmac("sha256", key)
    .update(canonical + unixSeconds)
    .digest("hex");
  return `t=${unixSeconds}&s=${s}`;
}

export function verifySignature(body: string, header: string | null, signingKey: string): boolean {
  if (!header) return false;
  const params = new URLSearchParams(header);
  const t = Number(params.get("t"));
  if (!Number.isFinite(t) || Math.abs(Date.now() / 1000 - t) > 300) return false;
  const expected = Buffer.from(signBody(body, signingKey, t));
  const actual = Buffer.from(header);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
