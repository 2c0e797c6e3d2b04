import { notifications } from "@/db/schema";
import { sendEmail } from "../../email/send";
import { loadContactContext } from "../runner/run-state";
import { playbookCtx } from "../runner/system-ctx";
import { STOPPED, type NodeExecutor } from "../runner/types";
import { ownersFor } from "./recipients";

/** An in-app notification for each recipient, then (optionally) a transactional email to each, keyed so a retry sends none twice. */
export const runNotifyOwner: NodeExecutor<"notify_owner"> = async (rt) => {
  const { title, body, recipients, email } = rt.node.config;
  const who = await rt.act(rt.node.id, async (db) => {
    const c = await loadContactContext(db, rt.run.orgId, rt.run.contactId);
    const name = c ? `${c.contact.firstName} ${c.contact.lastName}`.trim() : "a customer";
    const people = await ownersFor(db, rt.run.orgId, rt.run.contactId, recipients);
    for (const p of people) {
      await db
        .insert(notifications)
        .values({ orgId: rt.run.orgId, userId: p.id, title: title.replaceAll("{{contact.full_name}}", name), body, link: `/customers/${rt.run.contactId}`, sourceKey: `${rt.run.runId}:${rt.node.id}` })
        .onConflictDoNothing();
    }
    await rt.log(db, { key: rt.node.id, status: people.length ? "done" : "skipped", detail: people.length ? `notified ${people.map((p) => p.name).join(", ")}` : "no active owner to notify" });
    return people.map((p) => p.id);
  });
  if (who === STOPPED) return STOPPED;
  if (!email) return null;
  for (const userId of who) {
    const r = await rt.act(`${rt.node.id}:email:${userId}`, async (db) => {
      const m = await sendEmail(await playbookCtx(db, rt.run.orgId), {
        recipient: { userId },
        content: { subject: title, body: `${body}\n\nCustomer: [open their profile](${appUrl()}/customers/${rt.run.contactId})` },
        category: "transactional",
        source: { type: "playbook", id: rt.run.playbookId, runId: rt.run.runId },
        idempotencyKey: `${rt.run.runId}:${rt.node.id}:${userId}`,
      });
      await rt.log(db, { key: `${rt.node.id}:email:${userId}`, status: "done", detail: `owner email ${m.status}`, messageId: m.messageId });
      return m.messageId;
    });
    if (r === STOPPED) return STOPPED;
  }
  return null;
};

function appUrl() {
  return (process.env.APP_URL ?? process.env.AUTH_URL ?? "http://localhost:3000").replace(/\/$/, "");
}
