import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { contacts, emailMessages } from "@/db/schema";
import { sendEmail } from "@/lib/email/send";
import { sendBulk } from "@/lib/email/bulk";
import { ensureEmailDefaults } from "@/lib/email/topics";
import { RetryableEmailError } from "@/lib/email/errors";
import { retryQueued } from "@/lib/email/retry-queued";
import { prepareMessages } from "@/lib/email/prepare";
import { outgoing } from "@/lib/email/deliver";
import { getTransport } from "@/lib/email/transport";
import { sharedLimiter } from "@/lib/email/rate-limiter";
import { createTestOrg, setupTestDb, uniqueEmail } from "./helpers";
import { makeContact, marketingInput } from "../email/fixtures";
import { startResendStub, type Fault, type ResendStub } from "../email/resend-stub";

const db = setupTestDb();
let stub: ResendStub;
let faults: Fault[] = [];

beforeAll(async () => {
  stub = await startResendStub({ retryAfterSeconds: 0, fault: () => faults.shift() ?? null });
  process.env.RESEND_API_KEY = "re_test_key";
  process.env.RESEND_BASE_URL = stub.url;
  process.env.EMAIL_FROM = "Demo Co <hello@demo.test>";
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

describe("Resend transport against a local stub", () => {
  it("posts the payload under its batch's recorded key, with the unsubscribe headers", async () => {
    const o = await setup();
    const c = await makeContact(db(), o.orgId);
    const res = await sendEmail(o.owner.ctx, marketingInput(c.id, "p1"));
    expect(res.status).toBe("sent");
    expect(stub.requests).toHaveLength(1);
    const req = stub.requests[0]!;
    // A lone send is a batch of one: its key is recorded before the request, so a crash replays it.
    expect(req.path).toBe("/emails/batch");
    const [stored] = await db().select().from(emailMessages).where(eq(emailMessages.id, res.messageId));
    expect(req.headers["idempotency-key"]).toBe(stored!.dispatchKey);
    expect(req.headers.authorization).toBe("Bearer re_test_key");
    const body = (req.body as unknown[])[0] as {
      headers: Record<string, string>;
      html: string;
      text: string;
      tags: unknown[];
    };
    expect(body).toMatchObject({ from: "Demo Co <hello@demo.test>", to: [c.email], subject: "Hello Ana" });
    expect(body.headers["List-Unsubscribe"]).toMatch(/^<http.+\/u\/.+>$/);
    expect(body.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(body.html).toContain("Hi Ana");
    expect(body.text).toContain("Hi Ana");
    expect(body.tags).toContainEqual({ name: "message_id", value: res.messageId });
    const [m] = await db().select().from(emailMessages).where(eq(emailMessages.id, res.messageId));
    expect(m!.providerId).toBe(stub.accepted[0]!.id);
  });

  it("a 429 throws a retryable error; the repeat call sends the same message once", async () => {
    const o = await setup();
    const c = await makeContact(db(), o.orgId);
    faults = ["429"];
    await expect(sendEmail(o.owner.ctx, marketingInput(c.id, "r1"))).rejects.toBeInstanceOf(RetryableEmailError);
    const [queued] = await db().select().from(emailMessages).where(eq(emailMessages.orgId, o.orgId));
    expect(queued!.status).toBe("queued");
    const res = await sendEmail(o.owner.ctx, marketingInput(c.id, "r1"));
    expect(res).toMatchObject({ messageId: queued!.id, status: "sent" });
    const [after] = await db().select().from(emailMessages).where(eq(emailMessages.id, queued!.id));
    expect(stub.requests.map((r) => r.headers["idempotency-key"])).toEqual([after!.dispatchKey, after!.dispatchKey]);
    expect(stub.accepted).toHaveLength(1);
  });

  it("a 5xx after Resend accepted the email: the retry with the same key does not send twice", async () => {
    const o = await setup();
    const c = await makeContact(db(), o.orgId);
    faults = ["500-after"];
    await expect(sendEmail(o.owner.ctx, marketingInput(c.id, "s1"))).rejects.toBeInstanceOf(RetryableEmailError);
    expect((await sendEmail(o.owner.ctx, marketingInput(c.id, "s1"))).status).toBe("sent");
    expect(stub.requests).toHaveLength(2);
    expect(stub.accepted).toHaveLength(1);
  });

  it("the queued-mail sweep sends what a crash or an outage left queued, once", async () => {
    const o = await setup();
    const c = await makeContact(db(), o.orgId);
    faults = ["500-after"];
    await expect(sendEmail(o.owner.ctx, marketingInput(c.id, "q1"))).rejects.toBeInstanceOf(RetryableEmailError);
    expect(await retryQueued(db(), new Date(Date.now() + 60_000), { orgId: o.orgId })).toEqual({
      sent: 1,
      failed: 0,
      pending: 0,
      suppressed: 0,
    });
    expect(stub.accepted).toHaveLength(1);
    expect(await retryQueued(db(), new Date(Date.now() + 60_000), { orgId: o.orgId })).toEqual({
      sent: 0,
      failed: 0,
      pending: 0,
      suppressed: 0,
    });
  });

  it("the sweep replays a batch whose answer was lost under the same key: no second send", async () => {
    const o = await setup();
    const people = await Promise.all([1, 2, 3].map(() => makeContact(db(), o.orgId)));
    const { recipient: _r, idempotencyKey: _k, ...common } = marketingInput(people[0]!.id, "x");
    const rows = (
      await prepareMessages(
        o.owner.ctx,
        common,
        people.map((p, i) => ({ recipient: { contactId: p.id }, idempotencyKey: `lost:${i}` })),
      )
    ).sort((a, b) => a.id.localeCompare(b.id));
    // The batch reached Resend, then the process died before writing the answer down.
    await db()
      .update(emailMessages)
      .set({ dispatchKey: "batch-lost" })
      .where(
        inArray(
          emailMessages.id,
          rows.map((r) => r.id),
        ),
      );
    await sharedLimiter(5).run(() =>
      getTransport().sendBatch(
        rows.map((r) => outgoing(r)),
        "batch-lost",
      ),
    );
    expect(stub.accepted).toHaveLength(3);
    const swept = await retryQueued(db(), new Date(Date.now() + 60_000), { orgId: o.orgId });
    expect(swept).toEqual({ sent: 3, failed: 0, pending: 0, suppressed: 0 });
    expect(stub.accepted).toHaveLength(3);
    expect(new Set(stub.requests.map((r) => r.headers["idempotency-key"]))).toEqual(new Set(["batch-lost"]));
  });

  it("a 4xx validation error marks the message failed with Resend's message", async () => {
    const o = await setup();
    const c = await makeContact(db(), o.orgId, { email: "not-an-address" });
    const res = await sendEmail(o.owner.ctx, marketingInput(c.id, "v1"));
    expect(res.status).toBe("failed");
    const [m] = await db().select().from(emailMessages).where(eq(emailMessages.id, res.messageId));
    expect(m!.failureReason).toContain("Invalid `to` field");
  });

  it("bulk: batches of at most 100, retried through 429 and 5xx, every message sent exactly once", async () => {
    const o = await setup();
    const rows = await db()
      .insert(contacts)
      .values(
        Array.from({ length: 250 }, (_, i) => ({
          orgId: o.orgId,
          firstName: `P${i}`,
          email: i === 7 ? "broken" : uniqueEmail("bulk"),
          marketingConsent: "subscribed" as const,
        })),
      )
      .returning({ id: contacts.id });
    faults = ["429", "500-before", "500-after"];
    const { messageIds, ...counts } = await sendBulk(
      o.owner.ctx,
      { ...marketingInput("", ""), recipient: undefined } as never,
      rows.map((r, i) => ({ recipient: { contactId: r.id }, idempotencyKey: `bulk:${i}` })),
    );
    expect(counts).toEqual({ sent: 249, suppressed: 0, failed: 1, pending: 0 });
    const batches = stub.requests.filter((r) => r.path === "/emails/batch");
    expect(batches.every((r) => Array.isArray(r.body) && (r.body as unknown[]).length <= 100)).toBe(true);
    expect(
      batches
        .filter((r) => r.status === 200)
        .map((r) => (r.body as unknown[]).length)
        .sort(),
    ).toEqual([100, 100, 50]);
    expect(
      batches.every(
        (r) => r.headers["x-batch-validation"] === "permissive" && typeof r.headers["idempotency-key"] === "string",
      ),
    ).toBe(true);
    const ids = stub.accepted.map((a) => a.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(249);
    const stored = await db()
      .select({ status: emailMessages.status, reason: emailMessages.failureReason })
      .from(emailMessages)
      .where(inArray(emailMessages.id, messageIds));
    expect(stored.filter((s) => s.status === "sent")).toHaveLength(249);
    expect(stored.find((s) => s.status === "failed")!.reason).toContain("Invalid `to` field");
  });
});
