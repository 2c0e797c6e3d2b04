import { Webhook, WebhookVerificationError } from "svix";

/**
 * Resend signs its webhooks with Svix. The check is Svix's own library (the `svix` package),
 * not hand-written crypto: it follows the scheme as Svix maintains it (whsec_ secrets, several
 * space-separated signatures, the svix-* and Standard Webhooks headers, the 5-minute timestamp
 * window both ways) and compares in constant time.
 */
/** A signature as Svix makes it (`v1,<base64>`), for tests and local tools. */
export function signSvix(secret: string, id: string, timestamp: number, body: string): string {
  return new Webhook(secret).sign(id, new Date(timestamp * 1000), body);
}

/** True when one of the `v1,` signatures matches and the timestamp is within five minutes of now. */
export function verifySvix(
  secret: string,
  headers: { id: string | null; timestamp: string | null; signature: string | null },
  body: string,
): boolean {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return false;
  try {
    new Webhook(secret).verify(body, { "svix-id": id, "svix-timestamp": timestamp, "svix-signature": signature });
    return true;
  } catch (e) {
    // Verified, then the library's JSON.parse of the body failed: the caller answers "invalid JSON".
    if (e instanceof SyntaxError) return true;
    if (e instanceof WebhookVerificationError) return false;
    // A secret that is not base64 (misconfigured) verifies nothing.
    return false;
  }
}
