/**
 * The one body reader for public endpoints: a body over the endpoint's stated limit is refused
 * with 413 before it is read whole — at once when Content-Length says so, otherwise (chunked, or a
 * Content-Length that lies) as soon as the bytes counted while streaming pass the limit. The
 * limits are listed in the README ("Request size limits").
 */

const KB = 1024;

export const BODY_LIMITS = {
  /** POST /api/v1/events: one event. */
  events: 64 * KB,
  /** POST /api/v1/discount-codes/redeem: a code, an email and an order reference. */
  discountRedeem: 16 * KB,
  /** POST /api/webhooks/resend: Resend's events are a few KB; 1 MiB is Svix's payload maximum. */
  resendWebhook: 1024 * KB,
  /** POST /u/<token>: the one-click unsubscribe and the preference page's buttons. */
  unsubscribe: 8 * KB,
  /** POST /api/auth/*: Auth.js's own sign-in and sign-out endpoints. */
  auth: 16 * KB,
} as const;

export type BodyRead = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; response: Response; tooLarge: true };

function describe(bytes: number): string {
  return bytes >= 1024 * KB && bytes % (1024 * KB) === 0 ? `${bytes / (1024 * KB)} MiB` : `${bytes / KB} KB`;
}

export function payloadTooLarge(limit: number, body?: (message: string) => Response): Response {
  const message = `The request body is larger than this endpoint accepts (${describe(limit)}).`;
  if (body) return body(message);
  return Response.json(
    { error: message, issues: [{ path: "(body)", message: `At most ${limit} bytes.` }] },
    { status: 413, headers: { "cache-control": "no-store", connection: "close" } },
  );
}

/** Reads at most `limit` bytes of a request body; past that, stops reading and answers 413. */
export async function readBodyWithin(
  request: Request,
  limit: number,
  tooLarge?: (message: string) => Response,
): Promise<BodyRead> {
  const refuse = (): BodyRead => ({ ok: false, response: payloadTooLarge(limit, tooLarge), tooLarge: true });
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) {
    await request.body?.cancel().catch(() => {});
    return refuse();
  }
  if (!request.body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return refuse();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}

/** The body as UTF-8 text, within the limit. */
export async function readTextWithin(
  request: Request,
  limit: number,
  tooLarge?: (message: string) => Response,
): Promise<{ ok: true; text: string } | { ok: false; response: Response }> {
  const read = await readBodyWithin(request, limit, tooLarge);
  if (!read.ok) return read;
  return { ok: true, text: new TextDecoder().decode(read.bytes) };
}
