export type OutgoingEmail = {
  id: string; // our message id: Resend's idempotency key for a single send
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  tags: { name: string; value: string }[];
};

/** ok, try again later (429, 5xx, network), or a permanent refusal (4xx validation). */
export type SendOutcome =
  | { ok: true; providerId: string }
  | { ok: false; retry: true; status: number | null; retryAfterMs: number | null; message: string }
  | { ok: false; retry: false; status: number | null; message: string };

export interface Transport {
  readonly kind: "resend" | "local";
  send(email: OutgoingEmail): Promise<SendOutcome>;
  /** Up to 100 emails in one request; one outcome per email, or one outcome for the whole request. */
  sendBatch(
    emails: OutgoingEmail[],
    idempotencyKey: string,
  ): Promise<SendOutcome[] | Extract<SendOutcome, { ok: false }>>;
}
