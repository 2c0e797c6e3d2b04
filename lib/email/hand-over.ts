import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { uuidArray } from "@/db/uuid-array";
import { emailEvents, emailMessages } from "@/db/schema";
import { recordActivity } from "../activity/record";
import { rowsOf } from "@/db/rows";
import { logSuppressedSend } from "../playbooks/send-log";
import { batchKey } from "./batch-key";
import { SUPPRESSION_LABELS, suppressionFor, type SuppressionCode } from "./consent";
import type { EmailCategory } from "./types";
import type { MessageRow } from "./prepare";

/**
 * The channels a stored message can leave by. Only email exists today; SMS and WhatsApp add
 * their own address rule below (phone suppressions instead of bounced addresses) and keep the
 * rest: consent, do-not-contact, topic opt-outs and the source run are the customer's, not the
 * channel's.
 */
export const CHANNELS = ["email"] as const;
export type Channel = (typeof CHANNELS)[number];

type CheckRow = {
  id: string;
  contact_id: string | null;
  user_id: string | null;
  address: string;
  category: EmailCategory;
  run_id: string | null;
  contact_found: boolean;
  marketing_consent: string | null;
  do_not_contact: boolean | null;
  requires_consent: boolean;
  address_blocks: string[] | null;
  topic_opted_out: boolean;
  run_found: boolean;
  run_status: string | null;
  run_end_reason: string | null;
  campaign_status: string | null;
};

const UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

/** Per channel: the one statement that reads, for stored messages still queued, everything the decision needs. */
const READERS: Record<Channel, (db: DbOrTx, ids: string[]) => Promise<CheckRow[]>> = {
  async email(db, ids) {
    return rowsOf<CheckRow>(
      await db.execute(sql`
        select m.id, m.contact_id, m.user_id, m.to_email as address, m.category, m.run_id,
          c.id is not null as contact_found, c.marketing_consent, c.do_not_contact,
          o.marketing_requires_consent as requires_consent,
          (select array_agg(s.reason) from email_suppressions s
            where s.org_id = m.org_id and s.email = lower(m.to_email) and s.active) as address_blocks,
          exists (select 1 from email_topic_opt_outs t
            where t.org_id = m.org_id and t.contact_id = m.contact_id and t.topic_key = m.topic_key) as topic_opted_out,
          r.id is not null as run_found, r.status as run_status, r.end_reason as run_end_reason,
          cp.status as campaign_status
        from email_messages m
        join organizations o on o.id = m.org_id
        left join contacts c on c.id = m.contact_id and c.org_id = m.org_id
        left join playbook_runs r on r.org_id = m.org_id
          and r.id = case when m.run_id ~ ${UUID} then m.run_id::uuid end
        left join campaigns cp on m.source_type = 'campaign' and cp.org_id = m.org_id
          and cp.id = case when m.source_id ~ ${UUID} then m.source_id::uuid end
        where m.id = any(${uuidArray(ids)}) and m.status = 'queued'`),
    );
  },
};

/**
 * Why the source run no longer wants its message: it was cancelled (by an owner or an
 * unsubscribe), an exit event ended it, or it is gone. A run that finished its steps, or failed
 * after the provider stayed down, still wants what it asked for (the sweep's purpose).
 */
function runVerdict(r: CheckRow): SuppressionCode | null {
  if (!r.run_id || !new RegExp(UUID).test(r.run_id)) return null;
  if (!r.run_found) return "run_gone";
  if (r.run_status === "cancelled") return "run_cancelled";
  if (r.run_status === "completed" && r.run_end_reason?.startsWith("exit:")) return "run_exited";
  return null;
}

/**
 * Not now, not suppressed: the message stays queued (its campaign is paused; resuming hands it
 * over). Only customers' messages: a test send to a teammate goes whatever the campaign's state.
 */
const HELD = "held" as const;

/**
 * The decision made at the moment of every hand-over to a provider (first try, step retry,
 * batch replay, the queued-mail sweep): for each message still queued, null when it may go now,
 * or why not — consent and the organisation's consent rule, do-not-contact, opt-outs (all or the
 * topic), suppressed addresses (bounce, complaint), and the state of the playbook run or the
 * campaign that made it (a cancelled campaign stops every message not yet handed over; a paused
 * one holds them, queued, until it is resumed). One statement for any number of messages. Messages no longer queued are left out.
 */
export async function handOverVerdicts(
  db: DbOrTx,
  channel: Channel,
  ids: string[],
): Promise<Map<string, SuppressionCode | typeof HELD | null>> {
  const out = new Map<string, SuppressionCode | typeof HELD | null>();
  if (!ids.length) return out;
  for (const r of await READERS[channel](db, [...new Set(ids)])) {
    if (!r.contact_id && !r.user_id) {
      out.set(r.id, "recipient_gone");
      continue;
    }
    const consent =
      r.contact_id && r.contact_found
        ? { marketingConsent: r.marketing_consent ?? undefined, doNotContact: r.do_not_contact ?? false }
        : {};
    const reason = suppressionFor({ contactId: r.contact_id, email: r.address || null, ...consent }, r.category, {
      byEmail: new Map(r.address ? [[r.address.toLowerCase(), new Set(r.address_blocks ?? [])]] : []),
      topicOptOuts: new Set(r.topic_opted_out && r.contact_id ? [r.contact_id] : []),
      requiresConsent: r.requires_consent,
    });
    out.set(
      r.id,
      reason ??
        runVerdict(r) ??
        (r.campaign_status === "cancelled"
          ? "campaign_cancelled"
          : r.campaign_status === "paused" && r.contact_id
            ? HELD
            : null),
    );
  }
  return out;
}

/**
 * Marks messages that may no longer go as suppressed with the reason (only those still queued),
 * with their history entry, the customer's timeline entry and, for a playbook's message, a line
 * in the run log. One transaction.
 */
export async function suppressAtHandOver(db: DbOrTx, found: { id: string; reason: SuppressionCode }[]) {
  if (!found.length) return;
  await db.transaction(async (tx) => {
    for (const f of found) {
      const [m] = await tx
        .update(emailMessages)
        .set({ status: "suppressed", suppressionReason: f.reason, dispatchKey: null })
        .where(and(eq(emailMessages.id, f.id), eq(emailMessages.status, "queued")))
        .returning();
      if (!m) continue;
      const label = SUPPRESSION_LABELS[f.reason];
      await tx.insert(emailEvents).values({
        orgId: m.orgId,
        messageId: m.id,
        contactId: m.contactId,
        type: "suppressed",
        data: { reason: f.reason, message: `Not handed over: ${label}` },
      });
      if (m.contactId)
        await recordActivity(tx, {
          orgId: m.orgId,
          contactId: m.contactId,
          type: "email.suppressed",
          subjectType: "email_message",
          subjectId: m.id,
          data: { subject: m.subject, reason: f.reason, messageId: m.id },
        });
      if (m.sourceType === "playbook" && m.runId) await logSuppressedSend(tx, m, label);
    }
  });
}

/**
 * How long before the provider's window has room a hand-over's slot is granted: about what its
 * check and claim take (tens of milliseconds on the embedded database), so the request leaves as
 * the window opens rather than that much later every time. The check is then at most this much
 * older than the request, as before it was at most the check's own length.
 */
export const HAND_OVER_LEAD_MS = 50;

export type HandOver = {
  /** What may go now, and the key to send it under (null: send each alone under its own id). */
  send: MessageRow[];
  key: string | null;
  suppressed: Map<string, SuppressionCode>;
  /** Neither sent now nor suppressed now: settled elsewhere meanwhile, taken by another batch, or held (a paused campaign). */
  skipped: MessageRow[];
};

/**
 * Right before a request: the check above for every member, then, for a batch, the members that
 * may go claimed under the batch key. The same members as the stored key keep it (a replay that
 * the provider deduplicates); a changed set is a new batch under a new key, recorded before the
 * request so that a crash replays exactly it. A member another batch claimed meanwhile is left out.
 */
export async function prepareHandOver(
  db: DbOrTx,
  channel: Channel,
  rows: MessageRow[],
  /** batch: send in one request under a key; key: these rows are exactly the members already sent under it. */
  opts: { batch: boolean; key?: string | null },
): Promise<HandOver> {
  const verdicts = await handOverVerdicts(
    db,
    channel,
    rows.map((r) => r.id),
  );
  const suppressed = new Map<string, SuppressionCode>();
  const skipped: MessageRow[] = [];
  let send: MessageRow[] = [];
  for (const r of rows) {
    const verdict = verdicts.get(r.id);
    if (verdict === undefined || verdict === HELD) skipped.push(r);
    else if (verdict) suppressed.set(r.id, verdict);
    else send.push(r);
  }
  await suppressAtHandOver(
    db,
    [...suppressed].map(([id, reason]) => ({ id, reason })),
  );
  if (!opts.batch || !send.length) return { send, key: null, suppressed, skipped };
  if (opts.key && send.length === rows.length) return { send, key: opts.key, suppressed, skipped };
  let key = batchKey(send.map((r) => r.id));
  const claimed = await claim(db, send, key);
  if (claimed.size !== send.length) {
    skipped.push(...send.filter((r) => !claimed.has(r.id)));
    send = send.filter((r) => claimed.has(r.id));
    if (!send.length) return { send, key: null, suppressed, skipped };
    const first = key;
    key = batchKey(send.map((r) => r.id));
    await db
      .update(emailMessages)
      .set({ dispatchKey: key })
      .where(
        and(sql`${emailMessages.id} = any(${uuidArray(send.map((r) => r.id))})`, eq(emailMessages.dispatchKey, first)),
      );
  }
  for (const r of send) r.dispatchKey = key;
  return { send, key, suppressed, skipped };
}

/** Records the key on members still queued and still under the key they had when read; returns those claimed. */
async function claim(db: DbOrTx, rows: MessageRow[], key: string): Promise<Set<string>> {
  const members = JSON.stringify(rows.map((r) => ({ id: r.id, old: r.dispatchKey })));
  const back = rowsOf<{ id: string }>(
    await db.execute(sql`
      with v as (select * from jsonb_to_recordset(${members}::jsonb) as v(id uuid, old text))
      update ${emailMessages} as m set dispatch_key = ${key}
      from v where m.id = v.id and m.status = 'queued' and m.dispatch_key is not distinct from v.old
      returning m.id`),
  );
  return new Set(back.map((b) => b.id));
}
