import { getDb } from "@/db/client";
import { retryQueued } from "@/lib/email/retry-queued";
import { inngest } from "../client";

/** Every 5 minutes: email still queued after 2 minutes is handed over again (never twice: idempotency keys). */
export const emailRetryQueued = inngest.createFunction(
  { id: "email-retry-queued", triggers: [{ cron: "TZ=UTC */5 * * * *" }] },
  async ({ step }) => {
    return step.run("send-queued", async () => retryQueued(await getDb(), new Date(Date.now() - 2 * 60_000)));
  },
);
