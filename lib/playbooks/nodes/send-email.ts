import { sendEmail } from "../../email/send";
import { SUPPRESSION_LABELS, type SuppressionCode } from "../../email/consent";
import { sendGuard } from "../send-guard";
import { sendEmailKey } from "../send-log";
import { playbookCtx } from "../runner/system-ctx";
import { STOPPED, type NodeExecutor } from "../runner/types";

// Quiet hours then a cap can each push a send back; past this many deferrals the send goes anyway.
const MAX_DEFERRALS = 6;

/**
 * Guarded send: quiet hours and the frequency cap defer it with a durable sleep (logged with the
 * local time it will go), then one idempotent send keyed runId:nodeId.
 */
export const runSendEmail: NodeExecutor<"send_email"> = async (rt) => {
  const { category, onQuietHours } = rt.node.config;
  // Guard and send share one step: the common case (nothing to wait for) costs a single call.
  for (let i = 0; ; i++) {
    const out = await rt.act(`${rt.node.id}:send:${i}`, async (db, vars) => {
      const d =
        i >= MAX_DEFERRALS
          ? ({ kind: "send" } as const)
          : await sendGuard(db, rt.run.orgId, rt.run.contactId, { category, onQuietHours }, rt.now(), rt.context);
      if (d.kind === "skip") {
        await rt.log(db, { key: rt.node.id, status: "skipped", detail: `not sent: ${d.why}` });
        return { kind: "skip" as const };
      }
      if (d.kind === "defer") {
        await rt.log(db, {
          key: `${rt.node.id}:deferred:${i}`,
          status: "deferred",
          detail: `deferred by ${d.why} until ${d.label}`,
          until: d.until,
          untilLabel: d.label,
        });
        return { kind: "defer" as const, until: d.until.toISOString() };
      }
      await send(rt, db, vars);
      return { kind: "sent" as const };
    });
    if (out === STOPPED) return STOPPED;
    if (out.kind !== "defer") return null;
    await rt.step.sleepUntil(`${rt.node.id}:deferred:${i}`, out.until);
  }
};

async function send(
  rt: Parameters<NodeExecutor<"send_email">>[0],
  db: Parameters<Parameters<typeof rt.act>[1]>[0],
  vars: Record<string, unknown>,
) {
  const { templateId, category, topicKey } = rt.node.config;
  const discount = vars.discount as { code: string; amount: string; expiresAt: string | null } | undefined;
  const r = await sendEmail(playbookCtx(db, rt.run), {
    recipient: { contactId: rt.run.contactId },
    content: { templateId },
    category,
    topicKey,
    source: { type: "playbook", id: rt.run.playbookId, runId: rt.run.runId },
    variables: discount ? { discount } : undefined,
    idempotencyKey: sendEmailKey(rt.run.runId, rt.node.id),
    preloaded: rt.context
      ? {
          contacts: [rt.context.contact],
          orgName: rt.context.org.name,
          marketingRequiresConsent: rt.context.org.marketingRequiresConsent,
        }
      : undefined,
  });
  const ok = !["suppressed", "failed"].includes(r.status);
  await rt.log(db, {
    key: rt.node.id,
    status: ok ? "done" : r.status === "failed" ? "failed" : "skipped",
    detail: ok
      ? `email ${r.status}`
      : `email ${r.status}${r.suppressionReason ? `: ${SUPPRESSION_LABELS[r.suppressionReason as SuppressionCode] ?? r.suppressionReason}` : ""}`,
    messageId: r.messageId,
  });
}
