import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { contacts, emailMessages, organizations, users } from "@/db/schema";
import type { Ctx } from "../context";
import type { DbOrTx } from "@/db/client";
import { insertRows } from "@/db/insert-rows";
import { NotFoundError, ValidationError } from "../errors";
import { recordActivity } from "../activity/record";
import { compileCached } from "./compile";
import { fillTemplate } from "./fill";
import { bodyError } from "./body";
import { tokenError, type TokenValues } from "./tokens";
import { loadConsentState, suppressionFor } from "./consent";
import { clickUrl, openPixelUrl, unsubscribeUrl } from "./links";
import { getTemplate } from "./templates";
import { topicByKey } from "./topics";
import type { SendEmailInput } from "./send";
import { batchKey } from "./batch-key";
import { withPreheader } from "./preheader";

export type MessageRow = typeof emailMessages.$inferSelect;
export type Common = Omit<SendEmailInput, "recipient" | "idempotencyKey">;
export type Recipient = { recipient: SendEmailInput["recipient"]; idempotencyKey: string };

async function resolveContent(ctx: Ctx, common: Common) {
  if ("templateId" in common.content) {
    const t = await getTemplate(ctx, common.content.templateId);
    return { subject: t.subject, body: t.body, topicKey: common.topicKey ?? t.topicKey };
  }
  const { subject, body } = common.content;
  const problems: Record<string, string> = {};
  if (!subject.trim()) problems.subject = "Write a subject";
  else if (tokenError(subject)) problems.subject = tokenError(subject)!;
  if (!body.trim()) problems.body = "Write the message";
  else if (bodyError(body)) problems.body = bodyError(body)!;
  if (Object.keys(problems).length) throw new ValidationError(problems);
  return { subject, body, topicKey: common.topicKey ?? null };
}

/**
 * Stores one message per recipient (queued, or suppressed with its reason) in one transaction,
 * rendered and with its headers. A repeated idempotency key returns the stored message instead.
 */
export async function prepareMessages(
  ctx: Ctx,
  common: Common,
  recipients: Recipient[],
  /**
   * asBatch: the chunk is handed over as one batch (its key stored with it).
   * checkAtHandOver: the caller hands each message to the sender, which reads opt-outs and
   * suppressed addresses right before the request (lib/email/hand-over.ts): only what is already
   * in memory (consent, do-not-contact, the policy) is looked at here, saving a query per send.
   */
  options: { asBatch?: boolean; checkAtHandOver?: boolean; noneStored?: boolean } = {},
): Promise<MessageRow[]> {
  const content = await resolveContent(ctx, common);
  const marketing = common.category === "marketing";
  if (marketing && !content.topicKey) throw new ValidationError({ topicKey: "Marketing email needs a topic" });
  const topic = marketing ? await topicByKey(ctx.db, ctx.orgId, content.topicKey!) : null;
  if (marketing && !topic) throw new ValidationError({ topicKey: `There is no topic “${content.topicKey}”` });
  if (marketing && recipients.some((r) => "userId" in r.recipient))
    throw new ValidationError({ recipient: "Only transactional email goes to teammates" });

  const keys = recipients.map((r) => r.idempotencyKey);
  // A single message is inserted optimistically (a repeat finds its key taken and reads the stored
  // one below); a batch looks first, so a replayed batch is not rendered again, unless the caller
  // knows none was stored (a campaign's recipients without a message): then the insert finds out.
  const existing =
    recipients.length > 1 && !options.noneStored
      ? await ctx.db
          .select()
          .from(emailMessages)
          .where(and(eq(emailMessages.orgId, ctx.orgId), inArray(emailMessages.idempotencyKey, keys)))
      : [];
  const existingByKey = new Map(existing.map((m) => [m.idempotencyKey, m]));
  const fresh = recipients.filter((r) => !existingByKey.has(r.idempotencyKey));
  if (!fresh.length) return recipients.map((r) => existingByKey.get(r.idempotencyKey)!);

  const contactIds = fresh.flatMap((r) => ("contactId" in r.recipient ? [r.recipient.contactId] : []));
  const userIds = fresh.flatMap((r) => ("userId" in r.recipient ? [r.recipient.userId] : []));
  const uuidLike = (v: string) => /^[0-9a-f-]{36}$/i.test(v);
  if (![...contactIds, ...userIds].every(uuidLike)) throw new NotFoundError("That recipient");
  // Used only when it holds every recipient, all of this organisation.
  const known = new Map((common.preloaded?.contacts ?? []).filter((c) => c.orgId === ctx.orgId).map((c) => [c.id, c]));
  const preloaded = contactIds.length > 0 && contactIds.every((id) => known.has(id)) ? common.preloaded : undefined;
  const [contactRows, userRows, [org], compiled] = await Promise.all([
    preloaded
      ? contactIds.map((id) => known.get(id)!)
      : contactIds.length
        ? ctx.db
            .select()
            .from(contacts)
            .where(and(eq(contacts.orgId, ctx.orgId), inArray(contacts.id, contactIds)))
        : [],
    userIds.length
      ? ctx.db
          .select({ id: users.id, name: users.name, email: users.email })
          .from(users)
          .where(and(eq(users.orgId, ctx.orgId), inArray(users.id, userIds)))
      : [],
    preloaded
      ? [{ name: preloaded.orgName, marketingRequiresConsent: preloaded.marketingRequiresConsent }]
      : ctx.db
          .select({ name: organizations.name, marketingRequiresConsent: organizations.marketingRequiresConsent })
          .from(organizations)
          .where(eq(organizations.id, ctx.orgId)),
    compileCached({ subject: content.subject, body: content.body, category: common.category }),
  ]);
  const contactById = new Map(contactRows.map((c) => [c.id, c]));
  const userById = new Map(userRows.map((u) => [u.id, u]));
  const people = fresh.map((r) => {
    const contact = "contactId" in r.recipient ? (contactById.get(r.recipient.contactId) ?? null) : null;
    const user = "userId" in r.recipient ? (userById.get(r.recipient.userId) ?? null) : null;
    if (!contact && !user) throw new NotFoundError("contactId" in r.recipient ? "That customer" : "That teammate");
    const person = contact
      ? { id: contact.id, name: `${contact.firstName} ${contact.lastName}`.trim(), email: contact.email }
      : { id: user!.id, name: user!.name, email: user!.email as string | null };
    return { r, contact, person };
  });
  // The organisation's policy comes with the row read above: no query per message, none extra per call.
  const policy = { requiresConsent: org?.marketingRequiresConsent ?? false };
  const consent = options.checkAtHandOver
    ? { byEmail: new Map<string, Set<string>>(), topicOptOuts: new Set<string>(), ...policy }
    : await loadConsentState(
        ctx.db,
        ctx.orgId,
        people.map(({ contact, person }) => ({ contactId: contact?.id ?? null, email: person.email })),
        topic?.key ?? null,
        policy,
      );

  const values = people.map(({ r, contact, person }) => {
    const id = randomUUID();
    const tokens: TokenValues = {
      "contact.first_name": contact ? contact.firstName : person.name.split(" ")[0],
      "contact.last_name": contact?.lastName ?? null,
      "contact.full_name": person.name,
      "contact.email": person.email,
      "contact.company": contact?.company ?? null,
      "org.name": org?.name ?? "",
      "discount.code": common.variables?.discount?.code ?? null,
      "discount.amount": common.variables?.discount?.amount ?? null,
      "discount.expires_at": common.variables?.discount?.expiresAt ?? null,
    };
    const claims = { orgId: ctx.orgId, messageId: id, contactId: contact?.id ?? null };
    const unsub =
      contact && marketing
        ? unsubscribeUrl({ orgId: ctx.orgId, contactId: contact.id, messageId: id, topicKey: topic!.key })
        : null;
    const filled = fillTemplate(compiled, tokens, {
      track: (url) => clickUrl(claims, url),
      unsubscribeUrl: unsub,
      openPixelUrl: contact ? openPixelUrl(claims) : null,
      topicName: topic?.name ?? null,
    });
    const reason = suppressionFor(
      {
        contactId: contact?.id ?? null,
        email: person.email,
        marketingConsent: contact?.marketingConsent,
        doNotContact: contact?.doNotContact,
      },
      common.category,
      consent,
    );
    const headers: Record<string, string> = unsub
      ? { "List-Unsubscribe": `<${unsub}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
      : {};
    return {
      id,
      orgId: ctx.orgId,
      contactId: contact?.id ?? null,
      userId: contact ? null : person.id,
      toEmail: person.email ?? "",
      category: common.category,
      topicKey: topic?.key ?? null,
      status: reason ? ("suppressed" as const) : ("queued" as const),
      suppressionReason: reason,
      subject: filled.subject,
      html: withPreheader(filled.html, common.preheader),
      text: filled.text,
      headers,
      sourceType: common.source.type,
      sourceId: common.source.id ?? null,
      runId: common.source.runId ?? null,
      idempotencyKey: r.idempotencyKey,
    };
  });

  // A bulk chunk is handed over as one batch: its key is stored with the messages, so a sweep
  // after a crash replays exactly that batch, under that key.
  if (options.asBatch) {
    const queued = values.filter((v) => v.status === "queued");
    const key = batchKey(queued.map((v) => v.id));
    // Every row names its key (null when not handed over): the rows of one insert give the same columns.
    for (const v of values) (v as { dispatchKey?: string | null }).dispatchKey = v.status === "queued" ? key : null;
  }
  // One statement needs no transaction of its own; several (chunks, suppression entries) share one.
  const oneStatement = values.length <= 25 && !values.some((v) => v.status === "suppressed" && v.contactId);
  const write = <T>(fn: (tx: DbOrTx) => Promise<T>) => (oneStatement ? fn(ctx.db) : ctx.db.transaction(fn));
  const inserted = await write(async (tx) => {
    // Small statements: the embedded database runs one statement at a time, and a bulk send's
    // other statements (the hand-over's consent check) wait behind a large one.
    // Only the generated columns come back: the rendered HTML is already here.
    const byId = new Map<string, (typeof values)[number]>(values.map((v) => [v.id, v]));
    const rows: MessageRow[] = [];
    for (let i = 0; i < values.length; i += 25) {
      // Outside a transaction, single sends arriving together (playbook steps) share the statement.
      const back = await insertRows(tx, emailMessages, values.slice(i, i + 25), {
        onConflictDoNothing: true,
        returning: ["id", "createdAt"],
        together: {},
      });
      for (const b of back)
        rows.push({
          dispatchKey: null,
          ...byId.get(b.id)!,
          createdAt: b.createdAt,
          failureReason: null,
          providerId: null,
          attempts: 0,
          sentAt: null,
        });
    }
    for (const m of rows) {
      if (m.status === "suppressed" && m.contactId) {
        await recordActivity(tx, {
          orgId: ctx.orgId,
          contactId: m.contactId,
          type: "email.suppressed",
          subjectType: "email_message",
          subjectId: m.id,
          data: { subject: m.subject, reason: m.suppressionReason, messageId: m.id },
        });
      }
    }
    return rows;
  });
  const byKey = new Map([...existing, ...inserted].map((m) => [m.idempotencyKey, m]));
  // Lost a race on an idempotency key: read what the other caller stored.
  const missing = keys.filter((k) => !byKey.has(k));
  if (missing.length) {
    for (const m of await ctx.db
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.orgId, ctx.orgId), inArray(emailMessages.idempotencyKey, missing))))
      byKey.set(m.idempotencyKey, m);
  }
  return recipients.map((r) => byKey.get(r.idempotencyKey)!);
}
