import type { Transport } from "./types";

/** No provider configured: the message stays in the database and the Outbox page shows it. */
export const localTransport: Transport = {
  kind: "local",
  async send(email) {
    return { ok: true, providerId: `local_${email.id}` };
  },
  async sendBatch(emails) {
    return emails.map((e) => ({ ok: true as const, providerId: `local_${e.id}` }));
  },
};
