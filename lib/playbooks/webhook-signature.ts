import { createHmac, timingSafeEqual } from "node:crypto";
import { getAuthSecret } from "../auth/secret";

/** Each organisation's webhook signing secret, derived from the app secret (shown to owners on the playbook page). */
export function webhookSecret(orgId: string, appSecret = getAuthSecret()): string {
  return `whsec_${createHmac("sha256", appSecret).update(`playbook-webhook:${orgId}`).digest("base64url")}`;
}

/** `t=<unix seconds>,v1=<hex hmac of "t.body">` — the receiver recomputes it and rejects old timestamps. */
export function signWebhook(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
}

export function verifyWebhook(secret: string, body: string, header: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  const expected = createHmac("sha256", secret).update(`${m[1]}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(m[2]!, "hex"));
}
