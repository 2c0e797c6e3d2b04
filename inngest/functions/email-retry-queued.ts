import { getDb, type Db } from "@/db/client";
import { syncRecipientsOfMessages } from "@/lib/campaigns/sending";
import { retryQueued } from "@/lib/email/retry-queued";
import { inngest } from "../client";

/**
 * Every 5 minutes: email still queued after 2 minutes is handed over again (never twice:
 * idempotency keys), and the campaign recipients of what it settled take the outcome.
 */
export const emailRetryQueued = inngest.createFunction(
  { id: "email-retry-queued", triggers: [{ cron: "TZ=UTC */5 * * * *" }] },
  async ({ step }) => {
    return step.run("send-queued", async () => sweepQueuedEmail(await getDb(), new Date()));
  },
);

/** One sweep: every organisation's queued email (or one organisation's, for a test). */
export async function sweepQueuedEmail(db: Db, now: Date, orgId?: string) {
  return retryQueued(db, new Date(+now - 2 * 60_000), {
    orgId,
    onAnswered: (ids) => syncRecipientsOfMessages(db, ids),
  });
}
