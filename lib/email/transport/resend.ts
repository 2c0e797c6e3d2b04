import { Resend } from "resend";
import type { OutgoingEmail, SendOutcome, Transport } from "./types";

type ResendError = { statusCode?: number | null; message?: string; name?: string } | null;

function retryAfterMs(headers: Record<string, string> | null): number | null {
  const raw = headers?.["retry-after"];
  if (!raw) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** 429, 5xx and network errors (no status) are worth retrying; other 4xx are final. */
export function outcomeOfError(
  error: NonNullable<ResendError>,
  headers: Record<string, string> | null,
): Extract<SendOutcome, { ok: false }> {
  const status = typeof error.statusCode === "number" ? error.statusCode : null;
  const message = error.message || error.name || "Resend refused the email";
  if (status === null || status === 429 || status >= 500)
    return { ok: false, retry: true, status, retryAfterMs: retryAfterMs(headers), message };
  return { ok: false, retry: false, status, message };
}

const payload = (e: OutgoingEmail) => ({
  from: e.from,
  to: [e.to],
  subject: e.subject,
  html: e.html,
  text: e.text,
  headers: e.headers,
  tags: e.tags,
});

export function resendTransport(apiKey: string, baseUrl?: string): Transport {
  // Constructed per transport, never at import: `new Resend()` throws without a key.
  const client = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return {
    kind: "resend",
    async send(email) {
      const { data, error, headers } = await client.emails.send(payload(email), { idempotencyKey: email.id });
      if (error || !data) return outcomeOfError(error ?? { message: "Resend answered without an id" }, headers);
      return { ok: true, providerId: data.id };
    },
    async sendBatch(emails, idempotencyKey) {
      const { data, error, headers } = await client.batch.send(emails.map(payload), {
        idempotencyKey,
        batchValidation: "permissive",
      });
      if (error || !data) return outcomeOfError(error ?? { message: "Resend answered without ids" }, headers);
      const failed = new Map((data.errors ?? []).map((e) => [e.index, e.message]));
      const ids = [...data.data];
      return emails.map((_, i): SendOutcome => {
        const message = failed.get(i);
        if (message !== undefined) return { ok: false, retry: false, status: 422, message };
        const next = ids.shift();
        return next
          ? { ok: true, providerId: next.id }
          : {
              ok: false,
              retry: true,
              status: null,
              retryAfterMs: null,
              message: "Resend returned fewer ids than emails",
            };
      });
    },
  };
}
