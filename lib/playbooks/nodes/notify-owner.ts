import { notifications } from "@/db/schema";
import { sendEmail } from "../../email/send";
import { appUrl } from "../../email/config";
import { playbookCtx } from "../runner/system-ctx";
import { STOPPED, type NodeExecutor } from "../runner/types";
import { ownersFor } from "./recipients";
import { ownerEmailKey } from "../send-log";

/** An in-app notification for each recipient, then (optionally) a transactional email to each, keyed so a retry sends none twice. */
export const runNotifyOwner: NodeExecutor<"notify_owner"> = async (rt) => {
  const { title, body, recipients, email } = rt.node.config;
  const who = await rt.act(rt.node.id, async (db) => {
    const c = rt.context;
    const fill = aboutContact(c?.contact);
    const people = await ownersFor(db, rt.run.orgId, rt.run.contactId, recipients);
    for (const p of people) {
      await db
        .insert(notifications)
        .values({
          orgId: rt.run.orgId,
          userId: p.id,
          title: fill(title),
          body: fill(body),
          link: `/customers/${rt.run.contactId}`,
          sourceKey: `${rt.run.runId}:${rt.node.id}`,
        })
        .onConflictDoNothing();
    }
    await rt.log(db, {
      key: rt.node.id,
      status: people.length ? "done" : "skipped",
      detail: people.length ? `notified ${people.map((p) => p.name).join(", ")}` : "no active owner to notify",
    });
    return { ids: people.map((p) => p.id), title: fill(title), body: fill(body) };
  });
  if (who === STOPPED) return STOPPED;
  if (!email) return null;
  for (const userId of who.ids) {
    const r = await rt.act(`${rt.node.id}:email:${userId}`, async (db) => {
      const m = await sendEmail(playbookCtx(db, rt.run), {
        recipient: { userId },
        content: {
          subject: who.title,
          body: `${who.body}\n\nCustomer: [open their profile](${appUrl()}/customers/${rt.run.contactId})`,
        },
        category: "transactional",
        source: { type: "playbook", id: rt.run.playbookId, runId: rt.run.runId },
        idempotencyKey: ownerEmailKey(rt.run.runId, rt.node.id, userId),
      });
      await rt.log(db, {
        key: `${rt.node.id}:email:${userId}`,
        status: "done",
        detail: `owner email ${m.status}`,
        messageId: m.messageId,
      });
      return m.messageId;
    });
    if (r === STOPPED) return STOPPED;
  }
  return null;
};

/**
 * The email goes to the owner, so the template's contact.* tokens would name the owner: the
 * customer's values are put in here first (braces stripped from them so they stay plain text).
 */
function aboutContact(
  c: { firstName: string; lastName: string; email: string | null; company: string | null } | undefined,
) {
  const plain = (v: string | null | undefined) => (v ?? "").replace(/[{}]/g, "");
  const values: Record<string, string> = c
    ? {
        full_name: plain(`${c.firstName} ${c.lastName}`.trim()),
        first_name: plain(c.firstName),
        last_name: plain(c.lastName),
        email: plain(c.email),
        company: plain(c.company),
      }
    : { full_name: "a customer", first_name: "a customer", last_name: "", email: "", company: "" };
  return (text: string) =>
    text.replace(/\{\{\s*contact\.([a-z_]+)\s*(?:\|\s*"[^"]*"\s*)?\}\}/g, (m, k: string) => values[k] ?? m);
}
