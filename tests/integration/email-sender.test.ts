import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { emailMessages } from "@/db/schema";
import { sendEmail } from "@/lib/email/send";
import { ensureEmailDefaults } from "@/lib/email/topics";
import { RetryableEmailError } from "@/lib/email/errors";
import { prepareMessages } from "@/lib/email/prepare";
import { prepareHandOver } from "@/lib/email/hand-over";
import { outgoing } from "@/lib/email/deliver";
import { getTransport } from "@/lib/email/transport";
import { observeFlushes, senderFor, type Flush } from "@/lib/email/sender";
import { createTestOrg, setupTestDb } from "./helpers";
import { makeContact, marketingInput } from "../email/fixtures";
import { startResendStub, type Fault, type ResendStub } from "../email/resend-stub";

// Issue 15: single sends that arrive together leave in the provider's batch requests.
const db = setupTestDb();
let stub: ResendStub;
let faults: Fault[] = [];
let holds = new Map<number, Promise<void>>();
let flushes: Flush[] = [];
let arrived: number[] = [];
let stopObserving = () => {};

beforeAll(async () => {
  stub = await startResendStub({
    // The tests inject their own faults; the stub's window must not add a 429 of its own when one
    // test's requests follow the previous test's within a second (the crash test calls the
    // transport directly, without the app's limiter in front).
    rateLimit: 1000,
    retryAfterSeconds: 1,
    fault: () => faults.shift() ?? null,
    // Held by arrival order within the test (the stub's own count runs across the file).
    hold: (n) => holds.get(arrived.push(n)) ?? null,
  });
  process.env.RESEND_API_KEY = "re_test_key";
  process.env.RESEND_BASE_URL = stub.url;
  stopObserving = observeFlushes((f) => flushes.push(f));
});
afterEach(() => {
  faults = [];
  holds = new Map();
  flushes = [];
  arrived = [];
  stub.requests.length = 0;
  stub.accepted.length = 0;
  delete process.env.EMAIL_COALESCE_MS;
});
afterAll(async () => {
  stopObserving();
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
  await stub.close();
});

async function setup() {
  const o = await createTestOrg(db());
  await ensureEmailDefaults(db(), o.orgId);
  return o;
}

function gate() {
  let open = () => {};
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

async function until(what: () => boolean) {
  while (!what()) await new Promise((r) => setTimeout(r, 5));
}

describe("the sender coalesces single sends into batch requests", () => {
  it("sends that arrive while a request is out leave together, and each caller gets its own outcome", async () => {
    const o = await setup();
    const first = await makeContact(db(), o.orgId);
    const others = [
      await makeContact(db(), o.orgId),
      await makeContact(db(), o.orgId, { email: "not-an-address" }),
      await makeContact(db(), o.orgId),
    ];
    // The first request is held at the provider until the three others wait; no window runs out meanwhile.
    process.env.EMAIL_COALESCE_MS = "600000";
    const g = gate();
    holds.set(1, g.promise);
    const lone = sendEmail(o.owner.ctx, marketingInput(first.id, "c0"));
    await until(() => arrived.length === 1);
    const together = others.map((c, i) => sendEmail(o.owner.ctx, marketingInput(c.id, `c${i + 1}`)));
    await until(() => senderFor(db()).waiting() === 3);
    g.open();
    const [a, b, c, d] = await Promise.all([lone, ...together]);
    expect(flushes.map((f) => [f.reason, f.size])).toEqual([
      ["idle", 1],
      ["idle", 3],
    ]);
    expect(a!.status).toBe("sent");
    expect([b!.status, c!.status, d!.status]).toEqual(["sent", "failed", "sent"]);
    const [failed] = await db().select().from(emailMessages).where(eq(emailMessages.id, c!.messageId));
    expect(failed!.failureReason).toContain("Invalid `to` field");
    const batches = stub.requests.filter((r) => r.path === "/emails/batch");
    expect(batches.map((r) => (r.body as unknown[]).length)).toEqual([1, 3]);
    expect(stub.accepted.map((x) => x.messageId).sort()).toEqual([a!.messageId, b!.messageId, d!.messageId].sort());
  });

  it("a lone send leaves by the window rule as a batch of one while another request is out", async () => {
    const o = await setup();
    const [x, y] = [await makeContact(db(), o.orgId), await makeContact(db(), o.orgId)];
    process.env.EMAIL_COALESCE_MS = "20";
    const g = gate();
    holds.set(1, g.promise);
    const first = sendEmail(o.owner.ctx, marketingInput(x.id, "w0"));
    await until(() => arrived.length === 1);
    // The first request is still held at the provider: the second does not wait for it.
    const second = await sendEmail(o.owner.ctx, marketingInput(y.id, "w1"));
    expect(second.status).toBe("sent");
    expect(flushes.map((f) => [f.reason, f.size])).toEqual([["window", 1]]);
    g.open();
    expect((await first).status).toBe("sent");
    expect(flushes.map((f) => [f.reason, f.size])).toEqual([
      ["window", 1],
      ["idle", 1],
    ]);
  });

  it("a batch answered 429: each step gets the retry-after, and their retries replay the same key without duplicates", async () => {
    const o = await setup();
    const people = [await makeContact(db(), o.orgId), await makeContact(db(), o.orgId)];
    process.env.EMAIL_COALESCE_MS = "600000";
    const g = gate();
    holds.set(1, g.promise);
    const filler = await makeContact(db(), o.orgId);
    const lone = sendEmail(o.owner.ctx, marketingInput(filler.id, "r0"));
    await until(() => arrived.length === 1);
    const calls = people.map((p, i) => sendEmail(o.owner.ctx, marketingInput(p.id, `r${i + 1}`)));
    await until(() => senderFor(db()).waiting() === 2);
    faults = ["429"]; // the held request passed already; the batch of two gets a 429
    g.open();
    await lone;
    const errors = await Promise.allSettled(calls);
    for (const e of errors) {
      expect(e.status).toBe("rejected");
      const reason = (e as PromiseRejectedResult).reason as RetryableEmailError;
      expect(reason).toBeInstanceOf(RetryableEmailError);
      expect(reason.retryAfterMs).toBe(1000); // what the step turns into Inngest's RetryAfterError
    }
    // The steps are retried (by the executor, after retry-after): both replay the same batch.
    const again = await Promise.all(people.map((p, i) => sendEmail(o.owner.ctx, marketingInput(p.id, `r${i + 1}`))));
    expect(again.map((r) => r.status)).toEqual(["sent", "sent"]);
    const batchOfTwo = stub.requests.filter((r) => (r.body as unknown[]).length === 2);
    expect(batchOfTwo.map((r) => r.status)).toEqual([429, 200]);
    expect(new Set(batchOfTwo.map((r) => r.headers["idempotency-key"])).size).toBe(1);
    const ids = stub.accepted.map((a) => a.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(3);
  });

  it("a crash between the batch request and its recorded answer: the retried steps replay the same key, nothing is sent twice", async () => {
    const o = await setup();
    const people = await Promise.all([1, 2, 3].map(() => makeContact(db(), o.orgId)));
    // What the sender does before a request: each message stored by its step, then claimed under the batch key…
    const rows = [];
    for (const [i, p] of people.entries()) {
      const { recipient: _r, idempotencyKey: _k, ...common } = marketingInput(p.id, "x");
      rows.push(
        ...(await prepareMessages(o.owner.ctx, common, [{ recipient: { contactId: p.id }, idempotencyKey: `k${i}` }])),
      );
    }
    const h = await prepareHandOver(db(), "email", rows, { batch: true });
    expect(h.send).toHaveLength(3);
    // …the request reaches the provider, and the process dies before writing the answer down.
    await getTransport().sendBatch(
      h.send.map((r) => outgoing(r)),
      h.key!,
    );
    expect(stub.accepted).toHaveLength(3);
    // Each step is retried by the executor: the batch is replayed once, under the same key.
    const results = await Promise.all(people.map((p, i) => sendEmail(o.owner.ctx, marketingInput(p.id, `k${i}`))));
    expect(results.map((r) => r.status)).toEqual(["sent", "sent", "sent"]);
    expect(stub.accepted).toHaveLength(3);
    expect(stub.requests.map((r) => r.headers["idempotency-key"])).toEqual([h.key, h.key]);
    const stored = await db()
      .select()
      .from(emailMessages)
      .where(
        inArray(
          emailMessages.id,
          rows.map((r) => r.id),
        ),
      );
    expect(new Set(stored.map((m) => m.providerId))).toEqual(new Set(stub.accepted.map((a) => a.id)));
  });
});
