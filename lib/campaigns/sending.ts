import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, min, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { campaignRecipients, campaigns, contacts, emailTemplates, organizations } from "@/db/schema";
import { systemActor } from "@/lib/actors";
import type { Ctx } from "@/lib/context";
import { BATCH_SIZE, createDispatcher } from "@/lib/email/dispatch";
import { retryQueued } from "@/lib/email/retry-queued";
import { prepareMessages, type Common } from "@/lib/email/prepare";
import { rowsOf } from "@/db/rows";
import { uuidArray } from "@/db/uuid-array";
import { awaitsDecision, decideTest, decisionTime } from "./ab-test";
import { loadVariants, type CampaignRow } from "./campaigns";
import { verdictsFor } from "./eligibility";

/**
 * At most this many recipients per step, and no new batch after STEP_BUDGET_MS of it: each step
 * ends by waiting for its batches' answers (and retries), so longer steps keep the provider's
 * window full for longer (2,000 per step left about a fifth of the limit unused at every step's
 * end). At the default limit, 10,000 take about 21 s; the budget (for slower limits and
 * retries) keeps a step inside the executor's call timeout (40 s by default). A pause
 * or cancel is read again before each batch of 100, so a step still stops within a second.
 */
export const STEP_SIZE = 10_000;
export const STEP_BUDGET_MS = 25_000;
/** Batches stored at once (mostly waiting on the database), handed over in order. */
const PREPARED_AHEAD = 2;
/** Recipients read and checked together, one page ahead of the batches being handed over. */
const PAGE_SIZE = 1_000;

/** How long a finished send waits for messages the provider refused for now (the sweep runs every 5 minutes). */
const SETTLE_WAIT_MS = 5 * 60_000;

export type NextMove =
  | { kind: "continue" }
  | { kind: "wait"; until: string }
  | { kind: "paused" }
  | { kind: "finished"; status: "sent" | "cancelled" };

export const recipientKey = (campaignId: string, contactId: string) => `campaign:${campaignId}:${contactId}`;

/** The campaign's content, with an A/B variant's changes when given. */
export async function campaignContent(db: DbOrTx, c: CampaignRow, variantKey?: string | null): Promise<Common> {
  const variant = variantKey ? (await loadVariants(db, c.orgId, c.id)).find((v) => v.key === variantKey) : undefined;
  let subject = c.subject;
  let body = c.body ?? "";
  if (c.templateId) {
    const [t] = await db
      .select({ subject: emailTemplates.subject, body: emailTemplates.body })
      .from(emailTemplates)
      .where(and(eq(emailTemplates.id, c.templateId), eq(emailTemplates.orgId, c.orgId)));
    subject = subject || t!.subject;
    body = t!.body;
  }
  return {
    content: { subject: variant?.subject || subject, body: variant?.body || body },
    category: c.category,
    topicKey: c.topicKey,
    preheader: variant?.preheader || c.preheader,
    source: { type: "campaign", id: c.id },
  };
}

/**
 * Recipients whose message has settled take its outcome: sent, failed, suppressed, or cancelled
 * with the campaign. `which` picks the rows; each is matched to its message in its own organisation.
 */
async function takeOutcomes(db: DbOrTx, which: SQL): Promise<void> {
  await db.execute(sql`
    update campaign_recipients r set
      status = (case
        when m.status = 'failed' then 'failed'
        when m.status = 'suppressed' and m.suppression_reason = 'campaign_cancelled' then 'cancelled'
        when m.status = 'suppressed' then 'suppressed'
        else 'sent' end)::campaign_recipient_status,
      reason = coalesce(m.suppression_reason, m.failure_reason)
    from email_messages m
    where ${which} and r.status = 'queued' and r.message_id is not null
      and m.id = r.message_id and m.org_id = r.org_id and m.status <> 'queued'`);
}

/** The campaign's recipients whose message has settled; only those of `messageIds` when given (a batch just answered). */
export async function syncRecipients(
  db: DbOrTx,
  orgId: string,
  campaignId: string,
  messageIds?: string[],
): Promise<void> {
  if (messageIds && !messageIds.length) return;
  const only = messageIds ? sql`and r.message_id = any(${uuidArray(messageIds)})` : sql``;
  await takeOutcomes(db, sql`r.org_id = ${orgId}::uuid and r.campaign_id = ${campaignId}::uuid ${only}`);
}

/**
 * The queued-mail sweep's share, for messages of any campaign it just settled: a cancelled
 * campaign's send has stopped, so nothing else would (a batch a pause held back, then cancelled).
 */
export async function syncRecipientsOfMessages(db: DbOrTx, messageIds: string[]): Promise<void> {
  if (messageIds.length) await takeOutcomes(db, sql`r.message_id = any(${uuidArray(messageIds)})`);
}

const pending = (c: CampaignRow) =>
  and(
    eq(campaignRecipients.orgId, c.orgId),
    eq(campaignRecipients.campaignId, c.id),
    inArray(campaignRecipients.status, ["queued", "deferred"]),
    isNull(campaignRecipients.messageId),
    // With an A/B test, the rest have no variant until the winner is chosen: nothing goes to them before.
    c.abTestPercent ? isNotNull(campaignRecipients.variant) : undefined,
  );

/** Throttle: how many may still go in the rolling hour, or when the next one may. */
async function allowance(db: DbOrTx, c: CampaignRow, now: Date): Promise<{ n: number; until?: Date }> {
  if (!c.throttlePerHour) return { n: STEP_SIZE };
  const since = new Date(+now - 3_600_000);
  const [row] = rowsOf<{ n: number; first: string | null }>(
    await db.execute(sql`
      select count(*)::int as n, min(handed_at) as first from ${campaignRecipients}
      where org_id = ${c.orgId}::uuid and campaign_id = ${c.id}::uuid and handed_at > ${since.toISOString()}::timestamptz`),
  );
  const left = c.throttlePerHour - row!.n;
  if (left > 0) return { n: Math.min(left, STEP_SIZE) };
  return { n: 0, until: new Date(+new Date(row!.first!) + 3_600_000) };
}

/**
 * One step of a send: re-reads the campaign (a pause or cancel takes effect here and between
 * batches), then hands the recipients now due to the email layer in batches of 100 — each
 * checked for consent and the cap and deferred over quiet hours, stored under a key per
 * recipient (a replay after a crash finds the same message, and its batch key), recorded on the
 * recipient row, and dispatched through the bulk path's rate limiter, where the hand-over checks
 * consent and the campaign's status again. Says what the send function does next.
 */
export async function sendDue(db: DbOrTx, orgId: string, campaignId: string, now: Date): Promise<NextMove> {
  const read = async () =>
    (
      await db
        .select()
        .from(campaigns)
        .where(and(eq(campaigns.id, campaignId), eq(campaigns.orgId, orgId)))
    )[0];
  let c = await read();
  if (!c || c.status === "cancelled") return { kind: "finished", status: "cancelled" };
  if (c.status === "paused") return { kind: "paused" };
  // Messages a pause held back at their hand-over (a batch refused just before it and retried after)
  // are still queued: they go first, as before, under their batch's key.
  await retryQueued(db, now, { orgId, campaignId, onAnswered: (ids) => syncRecipients(db, orgId, campaignId, ids) });
  if (awaitsDecision(c) && (await decisionTime(db, c)) <= now) {
    await decideTest(db, c, now);
    c = (await read())!;
  }
  const quota = await allowance(db, c, now);
  if (!quota.n) {
    const next = await finishOrWait(db, c, new Date(0), now);
    // Someone is still to go: after the throttle's hour, or their own later time.
    if (next.kind !== "wait") return next;
    return { kind: "wait", until: new Date(Math.max(+quota.until!, +new Date(next.until))).toISOString() };
  }
  // The ids due, in order; their rows are read a page at a time (below), so the first batch
  // leaves within a page's reading rather than after every recipient of the step was checked.
  const dueIds = (
    await db
      .select({ id: campaignRecipients.id })
      .from(campaignRecipients)
      .where(and(pending(c), lte(campaignRecipients.dueAt, now)))
      .orderBy(asc(campaignRecipients.dueAt), asc(campaignRecipients.id))
      .limit(quota.n)
  ).map((r) => r.id);
  if (!dueIds.length) return finishOrWait(db, c, now);

  const [org] = await db.select().from(organizations).where(eq(organizations.id, orgId));
  const ctx: Ctx = { orgId, db, actor: systemActor("campaign", `Campaign ${c.name}`) };
  const contents = new Map<string | null, Promise<Common>>();
  const contentOf = (variant: string | null) => {
    let content = contents.get(variant);
    if (!content) contents.set(variant, (content = campaignContent(db, c, variant)));
    return content;
  };
  type Due = { r: typeof campaignRecipients.$inferSelect; contact: typeof contacts.$inferSelect };
  // One page: its recipients checked for consent and the cap (those who may not go now are
  // marked suppressed or deferred), the rest cut into batches of one variant each.
  const readPage = async (ids: string[]): Promise<Due[][]> => {
    // Recipients, then their customers, each by primary key: as one join the planner may scan every
    // customer of the organisation for each page (it did on the embedded database: 90-600 ms a page).
    const recipients = await db
      .select()
      .from(campaignRecipients)
      .where(and(pending(c), inArray(campaignRecipients.id, ids)))
      .orderBy(asc(campaignRecipients.dueAt), asc(campaignRecipients.id));
    const people = recipients.length
      ? await db
          .select()
          .from(contacts)
          .where(
            and(
              eq(contacts.orgId, orgId),
              inArray(
                contacts.id,
                recipients.map((r) => r.contactId),
              ),
            ),
          )
      : [];
    const byId = new Map(people.map((p) => [p.id, p]));
    const due = recipients.flatMap((r) => {
      const contact = byId.get(r.contactId);
      return contact ? [{ r, contact }] : [];
    });
    const verdicts = await verdictsFor(
      db,
      org!,
      c,
      due.map((d) => d.contact),
      () => now,
    );
    // Those who may not go now, in one statement: suppressed with the reason, or deferred past quiet hours.
    const held = due.flatMap((d) => {
      const v = verdicts.get(d.contact.id)!;
      if (v.kind === "send") return [];
      return [
        v.kind === "exclude"
          ? sql`(${d.r.id}::uuid, 'suppressed', ${v.reason}, null::timestamptz)`
          : sql`(${d.r.id}::uuid, 'deferred', 'quiet_hours', ${v.until.toISOString()}::timestamptz)`,
      ];
    });
    if (held.length)
      await db.execute(sql`
        update campaign_recipients r set status = v.status::campaign_recipient_status, reason = v.reason,
          due_at = coalesce(v.due_at, r.due_at)
        from (values ${sql.join(held, sql`, `)}) as v(id, status, reason, due_at)
        where r.org_id = ${orgId}::uuid and r.id = v.id`);
    const go = due.filter((d) => verdicts.get(d.contact.id)!.kind === "send");
    const byVariant = new Map<string | null, Due[]>();
    for (const d of go) {
      const list = byVariant.get(d.r.variant);
      if (list) list.push(d);
      else byVariant.set(d.r.variant, [d]);
    }
    const chunks: Due[][] = [];
    for (const of of byVariant.values())
      for (let i = 0; i < of.length; i += BATCH_SIZE) chunks.push(of.slice(i, i + BATCH_SIZE));
    return chunks;
  };
  // Pages are read one ahead of the batches being handed over.
  const pages: string[][] = [];
  for (let i = 0; i < dueIds.length; i += PAGE_SIZE) pages.push(dueIds.slice(i, i + PAGE_SIZE));
  const readNext = () => (pages.length ? awaitedLater(readPage(pages.shift()!)) : null);
  let reading = readNext();
  const chunks: Due[][] = [];
  const nextChunk = async (): Promise<Due[] | undefined> => {
    while (!chunks.length && reading) {
      const page = await reading;
      reading = readNext();
      chunks.push(...page);
    }
    return chunks.shift();
  };

  // Two batches stored ahead and one waiting for a slot: the window stays nearly full, and a pause
  // stops the sends within about half a second (two waiting held it for a second).
  // Each batch's recipients take its outcome as soon as it is answered, while the next waits for
  // its slot: the step's end has nothing left to record, and the next step starts sooner.
  const dispatcher = createDispatcher(db, {
    readyAhead: 1,
    onAnswered: (ids) => syncRecipients(db, orgId, c.id, ids),
  });
  const budgetEnds = Date.now() + STEP_BUDGET_MS;
  // Stores one batch's messages (a key per recipient: a replay finds the same) and records them.
  const prepare = async (chunk: Due[]) => {
    // The customers and organisation as read for this step; none of these recipients has a message yet.
    const preloaded = {
      contacts: chunk.map((d) => d.contact),
      orgName: org!.name,
      marketingRequiresConsent: org!.marketingRequiresConsent,
    };
    const rows = await prepareMessages(
      ctx,
      { ...(await contentOf(chunk[0]!.r.variant)), preloaded },
      chunk.map((d) => ({
        recipient: { contactId: d.contact.id },
        idempotencyKey: recipientKey(c.id, d.contact.id),
      })),
      { asBatch: true, noneStored: true },
    );
    // By the recipient's primary key: matched by campaign and customer instead, the embedded
    // database (no autovacuum, so no statistics) scanned every recipient of the campaign per row.
    const recipientOf = new Map(chunk.map((d) => [d.contact.id, d.r.id]));
    const values = sql.join(
      rows.map((m) => sql`(${recipientOf.get(m.contactId!)}::uuid, ${m.id}::uuid)`),
      sql`, `,
    );
    await db.execute(sql`
      with v(id, message_id) as (values ${values})
      update campaign_recipients r set message_id = v.message_id, handed_at = ${now.toISOString()}::timestamptz, status = 'queued'
      from v where r.id = v.id and r.org_id = ${orgId}::uuid and r.campaign_id = ${c.id}::uuid`);
    return rows;
  };
  // Storing a batch is mostly waiting on the database: PREPARED_AHEAD are stored at once and
  // handed over in order, so the provider's window does not wait for the next one to be written.
  const preparing: Promise<Awaited<ReturnType<typeof prepare>>>[] = [];
  let started = 0;
  const startNext = async () => {
    // Past the budget, the rest wait for the next step (their verdicts are read again then).
    if (started > 0 && Date.now() > budgetEnds) return;
    // A pause or cancel since the step began stops the batches not yet started.
    if (started > 0 && (await read())?.status !== "sending") return;
    const chunk = await nextChunk();
    if (!chunk) return;
    started++;
    preparing.push(awaitedLater(prepare(chunk)));
  };
  for (let k = 0; k < PREPARED_AHEAD; k++) await startNext();
  while (preparing.length) {
    const rows = await preparing.shift()!;
    await startNext();
    await dispatcher.add(rows);
  }
  // A page still being read when the step stopped is finished before the step ends.
  await reading;
  await dispatcher.finish();
  return { kind: "continue" };
}

/**
 * A promise started now and awaited later: a failure meanwhile is not an unhandled rejection (which
 * would end the process); it is thrown where the promise is awaited.
 */
function awaitedLater<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}

/** Nothing due before `after`: sleep until the next one's time, or, with nobody left, the campaign is sent. */
async function finishOrWait(db: DbOrTx, c: CampaignRow, after: Date, now = after): Promise<NextMove> {
  const [next] = await db
    .select({ at: min(campaignRecipients.dueAt) })
    .from(campaignRecipients)
    .where(and(pending(c), gt(campaignRecipients.dueAt, after)));
  // An undecided A/B test wakes the send when it is judged, if nobody is due before.
  const times = [next?.at ? +new Date(next.at) : null, awaitsDecision(c) ? +(await decisionTime(db, c)) : null];
  const soonest = Math.min(...times.filter((t): t is number => t !== null));
  if (Number.isFinite(soonest)) return { kind: "wait", until: new Date(soonest).toISOString() };
  await syncRecipients(db, c.orgId, c.id);
  // A message the provider refused for now (429, 5xx) is still queued: the queued-mail sweep hands
  // it over again. The campaign is sent when every message has settled, so look again after it.
  const [inFlight] = rowsOf<{ n: number }>(
    await db.execute(sql`
      select count(*)::int as n from ${campaignRecipients}
      where org_id = ${c.orgId}::uuid and campaign_id = ${c.id}::uuid and status = 'queued' and message_id is not null`),
  );
  if (inFlight!.n > 0) return { kind: "wait", until: new Date(+now + SETTLE_WAIT_MS).toISOString() };
  await db
    .update(campaigns)
    .set({ status: "sent", finishedAt: now })
    .where(and(eq(campaigns.id, c.id), eq(campaigns.orgId, c.orgId), eq(campaigns.status, "sending")));
  return { kind: "finished", status: "sent" };
}
