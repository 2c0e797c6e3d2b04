import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { activities, emailEvents, emailMessages, emailSuppressions, organizations } from "@/db/schema";
import { sendEmail } from "@/lib/email/send";
import { ensureEmailDefaults } from "@/lib/email/topics";
import { RetryableEmailError } from "@/lib/email/errors";
import { retryQueued } from "@/lib/email/retry-queued";
import { prepareMessages } from "@/lib/email/prepare";
import { changePreferences } from "@/lib/email/unsubscribe";
import { setDoNotContact } from "@/lib/email/contact-preferences";
import { listMessages, getMessage } from "@/lib/email/outbox";
import { batchKey } from "@/lib/email/batch-key";
import { applyOutcomes } from "@/lib/email/deliver";
import type { SendOutcome } from "@/lib/email/transport/types";
import { createTestOrg, setupTestDb } from "./helpers";
import { makeContact, marketingInput } from "../email/fixtures";
import { startResendStub, type Fault, type ResendStub } from "../email/resend-stub";

// Issue 13 §1: consent, suppression and the source run are checked at every hand-over.
const db = setupTestDb();
let stub: ResendStub;
let faults: Fault[] = [];

beforeAll(async () => {
  stub = await startResendStub({ retryAfterSeconds: 0, fault: () => faults.shift() ?? null });
  process.env.RESEND_API_KEY = "re_test_key";
  process.env.RESEND_BASE_URL = stub.url;
});
afterEach(() => {
  faults = [];
  stub.requests.length = 0;
  stub.accepted.length = 0;
});
afterAll(async () => {
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
  await stub.close();
});

async function setup() {
  const o = await createTestOrg(db());
  await ensureEmailDefaults(db(), o.orgId);
  return o;
}
const later = () => new Date(Date.now() + 60_000);
const stored = async (id: string) => (await db().select().from(emailMessages).where(eq(emailMessages.id, id)))[0]!;

describe("a provider's answer", () => {
  it("is written only to the message of the organisation it was sent for, in the same statement", async () => {
    const o = await setup();
    const other = await createTestOrg(db());
    const c = await makeContact(db(), o.orgId);
    const { recipient: _r, idempotencyKey: _k, ...common } = marketingInput(c.id, "x");
    const [sent, failed, retried] = await prepareMessages(
      o.owner.ctx,
      common,
      [1, 2, 3].map((i) => ({ recipient: { contactId: c.id }, idempotencyKey: `scope:${i}` })),
    );
    const elsewhere = (m: typeof sent) => ({ ...m!, orgId: other.orgId });
    const answers: SendOutcome[] = [
      { ok: true, providerId: "re_1" },
      { ok: false, retry: false, status: 422, message: "Invalid address" },
      { ok: false, retry: true, status: 429, retryAfterMs: null, message: "Rate limited" },
    ];
    await applyOutcomes(db(), [sent, failed, retried].map(elsewhere), answers);
    const state = async () =>
      (
        await db()
          .select({ status: emailMessages.status, attempts: emailMessages.attempts })
          .from(emailMessages)
          .where(inArray(emailMessages.id, [sent!.id, failed!.id, retried!.id]))
      ).sort((a, b) => a.status.localeCompare(b.status) || a.attempts - b.attempts);
    expect(await state()).toEqual([
      { status: "queued", attempts: 0 },
      { status: "queued", attempts: 0 },
      { status: "queued", attempts: 0 },
    ]);
    await applyOutcomes(db(), [sent!, failed!, retried!], answers);
    expect(await state()).toEqual([
      { status: "failed", attempts: 1 },
      { status: "queued", attempts: 1 },
      { status: "sent", attempts: 1 },
    ]);
  });
});

describe("a queued message is checked again when it is handed over", () => {
  it("5xx, then a one-click unsubscribe: the sweep sends nothing and marks it suppressed, in the outbox and its history", async () => {
    const o = await setup();
    const c = await makeContact(db(), o.orgId);
    faults = ["500-before"];
    await expect(sendEmail(o.owner.ctx, marketingInput(c.id, "u1"))).rejects.toBeInstanceOf(RetryableEmailError);
    const [queued] = await db().select().from(emailMessages).where(eq(emailMessages.orgId, o.orgId));
    expect(queued!.status).toBe("queued");
    await changePreferences(
      db(),
      { orgId: o.orgId, contactId: c.id, messageId: queued!.id, topicKey: "promotions" },
      { action: "unsubscribe_all" },
      "one_click",
    );
    const swept = await retryQueued(db(), later(), { orgId: o.orgId });
    expect(swept).toEqual({ sent: 0, failed: 0, pending: 0, suppressed: 1 });
    expect(stub.accepted).toHaveLength(0);
    expect(stub.requests).toHaveLength(1); // only the first try, answered 500
    expect(await stored(queued!.id)).toMatchObject({ status: "suppressed", suppressionReason: "unsubscribed" });
    const outbox = await listMessages(o.owner.ctx, {});
    expect(outbox.messages.map((m) => [m.id, m.status, m.suppressionReason])).toEqual([
      [queued!.id, "suppressed", "unsubscribed"],
    ]);
    const detail = await getMessage(o.staff.ctx, queued!.id);
    expect(detail.events.map((e) => [e.type, e.data.reason])).toContainEqual(["suppressed", "unsubscribed"]);
    const timeline = await db()
      .select()
      .from(activities)
      .where(and(eq(activities.contactId, c.id), eq(activities.type, "email.suppressed")));
    expect(timeline).toHaveLength(1);
    // Nothing left for a later sweep.
    expect(await retryQueued(db(), later(), { orgId: o.orgId })).toEqual({
      sent: 0,
      failed: 0,
      pending: 0,
      suppressed: 0,
    });
  });

  it("a step's retry after a 429 finds the topic opt-out and does not send", async () => {
    const o = await setup();
    const c = await makeContact(db(), o.orgId);
    faults = ["429"];
    await expect(sendEmail(o.owner.ctx, marketingInput(c.id, "t1"))).rejects.toBeInstanceOf(RetryableEmailError);
    await changePreferences(
      db(),
      { orgId: o.orgId, contactId: c.id, messageId: null, topicKey: "promotions" },
      { action: "unsubscribe_topic", topicKey: "promotions" },
      "page",
    );
    const again = await sendEmail(o.owner.ctx, marketingInput(c.id, "t1"));
    expect(again).toMatchObject({ status: "suppressed", suppressionReason: "topic_unsubscribed" });
    expect(stub.accepted).toHaveLength(0);
    expect(stub.requests).toHaveLength(1);
  });

  it("do-not-contact, a hard bounce and the organisation's consent rule are looked at again too", async () => {
    const o = await setup();
    const dnc = await makeContact(db(), o.orgId);
    const bounced = await makeContact(db(), o.orgId);
    const neverAsked = await makeContact(db(), o.orgId, { marketingConsent: "unknown" });
    faults = ["500-before", "500-before", "500-before"];
    await expect(sendEmail(o.owner.ctx, marketingInput(neverAsked.id, "n1"))).rejects.toBeInstanceOf(
      RetryableEmailError,
    );
    await expect(sendEmail(o.owner.ctx, marketingInput(dnc.id, "d1"))).rejects.toBeInstanceOf(RetryableEmailError);
    await expect(
      sendEmail(o.owner.ctx, { ...marketingInput(bounced.id, "b1"), category: "transactional", topicKey: null }),
    ).rejects.toBeInstanceOf(RetryableEmailError);
    await setDoNotContact(o.owner.ctx, { contactId: dnc.id, doNotContact: true });
    await db()
      .insert(emailSuppressions)
      .values({ orgId: o.orgId, email: bounced.email!.toLowerCase(), reason: "hard_bounce" });
    await db().update(organizations).set({ marketingRequiresConsent: true }).where(eq(organizations.id, o.orgId));
    expect((await sendEmail(o.owner.ctx, marketingInput(neverAsked.id, "n1"))).suppressionReason).toBe("no_consent");
    expect((await sendEmail(o.owner.ctx, marketingInput(dnc.id, "d1"))).suppressionReason).toBe("do_not_contact");
    expect(
      (await sendEmail(o.owner.ctx, { ...marketingInput(bounced.id, "b1"), category: "transactional", topicKey: null }))
        .suppressionReason,
    ).toBe("bounced");
    expect(stub.accepted).toHaveLength(0);
  });

  it("a replayed batch that now holds an opted-out customer is re-formed without them under a new key; the others go once", async () => {
    const o = await setup();
    const people = await Promise.all([1, 2, 3].map(() => makeContact(db(), o.orgId)));
    const { recipient: _r, idempotencyKey: _k, ...common } = marketingInput(people[0]!.id, "x");
    // Stored as a batch, its key recorded; the request was answered 500 before Resend took it.
    const rows = await prepareMessages(
      o.owner.ctx,
      common,
      people.map((p, i) => ({ recipient: { contactId: p.id }, idempotencyKey: `replay:${i}` })),
      { asBatch: true },
    );
    const original = rows[0]!.dispatchKey!;
    expect(rows.every((r) => r.dispatchKey === original)).toBe(true);
    await changePreferences(
      db(),
      { orgId: o.orgId, contactId: people[1]!.id, messageId: rows[1]!.id, topicKey: "promotions" },
      { action: "unsubscribe_all" },
      "one_click",
    );
    const swept = await retryQueued(db(), later(), { orgId: o.orgId });
    expect(swept).toEqual({ sent: 2, failed: 0, pending: 0, suppressed: 1 });
    expect(stub.requests).toHaveLength(1);
    const reformed = batchKey([rows[0]!.id, rows[2]!.id]);
    expect(stub.requests[0]!.headers["idempotency-key"]).toBe(reformed);
    expect(reformed).not.toBe(original);
    expect(stub.accepted.map((a) => a.messageId).sort()).toEqual([rows[0]!.id, rows[2]!.id].sort());
    const after = await db()
      .select()
      .from(emailMessages)
      .where(
        inArray(
          emailMessages.id,
          rows.map((r) => r.id),
        ),
      );
    const byId = new Map(after.map((m) => [m.id, m]));
    expect(byId.get(rows[1]!.id)).toMatchObject({ status: "suppressed", suppressionReason: "unsubscribed" });
    expect([byId.get(rows[0]!.id)!.status, byId.get(rows[2]!.id)!.status]).toEqual(["sent", "sent"]);
    // The re-formed batch's key was recorded before its request: a replay of it is the same batch.
    expect([byId.get(rows[0]!.id)!.dispatchKey, byId.get(rows[2]!.id)!.dispatchKey]).toEqual([reformed, reformed]);
    expect(await retryQueued(db(), later(), { orgId: o.orgId })).toMatchObject({ sent: 0, suppressed: 0 });
    expect(stub.accepted).toHaveLength(2);
    const events = await db()
      .select({ type: emailEvents.type })
      .from(emailEvents)
      .where(eq(emailEvents.messageId, rows[1]!.id));
    expect(events.map((e) => e.type)).toContain("suppressed");
  });
});
