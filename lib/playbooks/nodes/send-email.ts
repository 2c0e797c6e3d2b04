import { sendEmail } from "../../email/send";
import { sendGuard } from "../send-guard";
import { playbookCtx } from "../runner/system-ctx";
import { runVariables } from "../runner/run-state";
import { STOPPED, type NodeExecutor } from "../runner/types";

// Quiet hours then a cap can each push a send back; past this many deferrals the send goes on the next check anyway.
const MAX_DEFERRALS = 6;

/**
 * Guarded send: quiet hours and the frequency cap defer it with a durable sleep (logged with the
 * local time it will go), then one idempotent send keyed runId:nodeId.
 */
export const runSendEmail: NodeExecutor<"send_email"> = async (rt) => {
  const { templateId, category, topicKey, onQuietHours } = rt.node.config;
  for (let i = 0; i < MAX_DEFERRALS; i++) {
    const g = await rt.act(`${rt.node.id}:guard:${i}`, async (db) => {
      const d = await sendGuard(db, rt.run.orgId, rt.run.contactId, { category, onQuietHours }, rt.now());
      if (d.kind === "skip") await rt.log(db, { key: rt.node.id, status: "skipped", detail: `not sent: ${d.why}` });
      if (d.kind === "defer") await rt.log(db, { key: `${rt.node.id}:deferred:${i}`, status: "deferred", detail: `deferred by ${d.why} until ${d.label}`, until: d.until, untilLabel: d.label });
      return d.kind === "defer" ? { kind: d.kind, until: d.until.toISOString() } : { kind: d.kind };
    });
    if (g === STOPPED) return STOPPED;
    if (g.kind === "skip") return null;
    if (g.kind === "send") break;
    await rt.step.sleepUntil(`${rt.node.id}:deferred:${i}`, g.until!);
  }
  const sent = await rt.act(`${rt.node.id}:send`, async (db) => {
    const vars = await runVariables(db, rt.run.orgId, rt.run.runId);
    const discount = vars.discount as { code: string; amount: string; expiresAt: string | null } | undefined;
    const r = await sendEmail(await playbookCtx(db, rt.run.orgId), {
      recipient: { contactId: rt.run.contactId },
      content: { templateId },
      category,
      topicKey,
      source: { type: "playbook", id: rt.run.playbookId, runId: rt.run.runId },
      variables: discount ? { discount } : undefined,
      idempotencyKey: `${rt.run.runId}:${rt.node.id}`,
    });
    const ok = !["suppressed", "failed"].includes(r.status);
    await rt.log(db, { key: rt.node.id, status: ok ? "done" : r.status === "failed" ? "failed" : "skipped", detail: ok ? `email ${r.status}` : `email ${r.status}${r.suppressionReason ? `: ${r.suppressionReason}` : ""}`, messageId: r.messageId });
    return r.messageId;
  });
  return sent === STOPPED ? STOPPED : null;
};
