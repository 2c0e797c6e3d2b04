import { signWebhook, webhookSecret } from "../webhook-signature";
import type { NodeExecutor } from "../runner/types";

const ATTEMPTS = 3;

/**
 * POSTs the run's facts, signed (Tend-Signature), retried with backoff; a receiver that keeps
 * failing is logged as failed and the run goes on (one flaky endpoint must not stall a journey).
 */
export const runWebhook: NodeExecutor<"webhook"> = (rt) =>
  rt.act(rt.node.id, async (db) => {
    const body = JSON.stringify({
      type: "playbook.step",
      orgId: rt.run.orgId,
      playbookId: rt.run.playbookId,
      runId: rt.run.runId,
      contactId: rt.run.contactId,
      nodeId: rt.node.id,
      at: rt.now().toISOString(),
    });
    let problem = "";
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        const res = await fetch(rt.node.config.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "tend-signature": signWebhook(webhookSecret(rt.run.orgId), body, new Date()),
            "idempotency-key": `${rt.run.runId}:${rt.node.id}`,
          },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        if (res.ok) {
          await rt.log(db, {
            key: rt.node.id,
            status: "done",
            detail: `POST ${rt.node.config.url} → ${res.status}`,
            data: { attempts: attempt },
          });
          return null;
        }
        problem = `HTTP ${res.status}`;
      } catch (e) {
        problem = (e as Error).message;
      }
      if (attempt < ATTEMPTS) await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
    }
    await rt.log(db, {
      key: rt.node.id,
      status: "failed",
      detail: `POST ${rt.node.config.url} failed after ${ATTEMPTS} attempts: ${problem}`,
    });
    return null;
  });
