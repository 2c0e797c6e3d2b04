import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { apiEvents, contacts, eventOutbox } from "@/db/schema";
import { POST } from "@/app/api/v1/events/route";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/keys";
import { createContact } from "@/lib/customers/contacts";
import { contactTimeline } from "@/lib/customers/timeline";
import { renderTimelineEntry } from "@/lib/activity/renderers";
import { createTestOrg, setupTestDb, uniqueEmail, type TestOrg } from "./helpers";

const db = setupTestDb();

async function post(key: string | null, body: unknown) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key) headers.authorization = `Bearer ${key}`;
  const response = await POST(
    new Request("http://tend.test/api/v1/events", {
      method: "POST",
      headers,
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { issues?: { path: string; message: string }[] },
  };
}

async function orgWithKey(): Promise<TestOrg & { key: string; keyId: string }> {
  const org = await createTestOrg(db());
  const { key, id } = await createApiKey(org.owner.ctx, { name: "Billing" });
  return { ...org, key, keyId: id };
}

const outbox = async (orgId: string, name?: string) =>
  await db()
    .select({ name: eventOutbox.name, data: eventOutbox.data })
    .from(eventOutbox)
    .where(and(eq(eventOutbox.orgId, orgId), name ? eq(eventOutbox.name, name) : undefined));
const contactsOf = (orgId: string) => db().select().from(contacts).where(eq(contacts.orgId, orgId));

describe("POST /api/v1/events", () => {
  it("refuses a missing, unknown or revoked key with 401 JSON", async () => {
    const org = await orgWithKey();
    const body = { id: "evt_1", name: "crm/payment.failed", contact: { email: uniqueEmail("x"), create: true } };
    expect(await post(null, body)).toMatchObject({
      status: 401,
      body: { error: expect.stringContaining("Authorization: Bearer") },
    });
    expect((await post("tend_live_notarealkeyatallnotarealkeyatall", body)).status).toBe(401);
    await revokeApiKey(org.owner.ctx, { keyId: org.keyId });
    expect(await post(org.key, body)).toMatchObject({
      status: 401,
      body: { error: expect.stringContaining("revoked") },
    });
    expect(await contactsOf(org.orgId)).toEqual([]);
    expect(await outbox(org.orgId)).toEqual([]);
  });

  it("finds the customer by email, emits the event with its id and writes the timeline entry; a repeat answers the first result", async () => {
    const org = await orgWithKey();
    const email = uniqueEmail("pay");
    const customer = await createContact(org.owner.ctx, {
      firstName: "Pat",
      lastName: "",
      email,
      phone: "",
      company: "",
    });
    const body = {
      id: "inv_42_failed",
      name: "crm/payment.failed",
      contact: { email: email.toUpperCase(), externalId: "cus_42" },
      properties: { amountMinor: 4900, currency: "EUR" },
      occurredAt: "2026-11-20T10:00:00Z",
    };
    const first = await post(org.key, body);
    expect(first).toEqual({
      status: 202,
      body: { id: "inv_42_failed", contactId: customer.id, status: "accepted", contactCreated: false },
    });
    expect(await outbox(org.orgId, "crm/payment.failed")).toEqual([
      {
        name: "crm/payment.failed",
        data: {
          orgId: org.orgId,
          contactId: customer.id,
          sourceEventId: "inv_42_failed",
          source: "api",
          properties: { amountMinor: 4900, currency: "EUR" },
        },
      },
    ]);
    // The external id is remembered: the next event can use it alone.
    expect(
      (await post(org.key, { id: "inv_43_ok", name: "crm/payment.succeeded", contact: { externalId: "cus_42" } })).body
        .contactId,
    ).toBe(customer.id);

    const repeat = await post(org.key, body);
    expect(repeat).toEqual({ status: 200, body: first.body });
    // The same id with another body is not the same event: refused, and nothing changes.
    const reused = await post(org.key, { ...body, properties: { amountMinor: 1 } });
    expect(reused).toEqual({
      status: 409,
      body: {
        error:
          'The event id "inv_42_failed" was already used for a different event. Send each new event with a new id; repeat an event only with exactly the same body.',
      },
    });
    // Keys in another order, the email in other letter case: still the same event.
    const reordered = await post(org.key, {
      occurredAt: body.occurredAt,
      properties: { currency: "EUR", amountMinor: 4900 },
      contact: { externalId: "cus_42", email: email.toLowerCase() },
      name: body.name,
      id: body.id,
    });
    expect(reordered).toEqual({ status: 200, body: first.body });
    expect(await outbox(org.orgId, "crm/payment.failed")).toHaveLength(1);
    expect(await db().select().from(apiEvents).where(eq(apiEvents.orgId, org.orgId))).toHaveLength(2);

    const { entries } = await contactTimeline(org.owner.ctx, customer.id, { limit: 10 });
    const entry = entries.find(
      (e) => e.type === "api_event.received" && (e.data as { eventId?: string }).eventId === "inv_42_failed",
    )!;
    expect(new Date(entry.occurredAt).toISOString()).toBe("2026-11-20T10:00:00.000Z");
    expect(renderTimelineEntry(entry.type, entry.data as Record<string, unknown>)).toMatchObject({
      title: "Payment failed (via API)",
      detail: "amount €49.00",
    });
  });

  it("creates the customer only when asked, and emits crm/contact.created with source api", async () => {
    const org = await orgWithKey();
    const email = uniqueEmail("new");
    const missing = await post(org.key, { id: "t1", name: "crm/trial.ending", contact: { email } });
    expect(missing).toMatchObject({ status: 404, body: { error: expect.stringContaining('"create": true') } });
    expect(await contactsOf(org.orgId)).toEqual([]);

    const created = await post(org.key, {
      id: "t1",
      name: "crm/trial.ending",
      contact: { email, externalId: "u_7", create: true, firstName: "Nia", lastName: "Ode" },
    });
    expect(created).toMatchObject({ status: 202, body: { contactCreated: true } });
    const [row] = await contactsOf(org.orgId);
    expect(row).toMatchObject({
      id: created.body.contactId,
      firstName: "Nia",
      lastName: "Ode",
      email,
      externalId: "u_7",
    });
    expect((await outbox(org.orgId, "crm/contact.created")).map((e) => e.data)).toEqual([
      { orgId: org.orgId, contactId: row!.id, source: "api", actorId: null },
    ]);
    // The same person again is found, not created twice.
    expect(
      (await post(org.key, { id: "t2", name: "crm/trial.ending", contact: { email, create: true } })).body,
    ).toMatchObject({ contactId: row!.id, contactCreated: false });
  });

  it("never resolves another organisation's customer: their email finds or creates one in the caller's organisation", async () => {
    const mine = await orgWithKey();
    const theirs = await createTestOrg(db());
    const email = uniqueEmail("shared");
    const theirCustomer = await createContact(theirs.owner.ctx, {
      firstName: "Theirs",
      lastName: "",
      email,
      phone: "",
      company: "",
    });
    expect((await post(mine.key, { id: "e1", name: "crm/churn.risk", contact: { email } })).status).toBe(404);
    const created = await post(mine.key, { id: "e1", name: "crm/churn.risk", contact: { email, create: true } });
    expect(created.status).toBe(202);
    expect(created.body.contactId).not.toBe(theirCustomer.id);
    expect((await contactsOf(mine.orgId)).map((c) => c.id)).toEqual([created.body.contactId]);
    expect(await outbox(theirs.orgId, "crm/churn.risk")).toEqual([]);
    // The same event id in another organisation is a different event.
    const { key: theirKey } = await createApiKey(theirs.owner.ctx, { name: "Theirs" });
    expect((await post(theirKey, { id: "e1", name: "crm/churn.risk", contact: { email } })).body.contactId).toBe(
      theirCustomer.id,
    );
  });

  it("answers bad input with 400 and the failing field paths", async () => {
    const org = await orgWithKey();
    expect(await post(org.key, "{not json")).toMatchObject({ status: 400, body: { issues: [{ path: "(body)" }] } });
    const bad = await post(org.key, {
      id: "",
      name: "crm/payment.exploded",
      contact: { email: "nope" },
      properties: [1],
      occurredAt: "yesterday",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues!.map((i) => i.path).sort()).toEqual([
      "contact.email",
      "id",
      "name",
      "occurredAt",
      "properties",
    ]);
    expect(bad.body.issues!.find((i) => i.path === "name")!.message).toContain("crm/payment.failed");
    const noContact = await post(org.key, { id: "x", name: "crm/payment.failed", contact: {} });
    expect(noContact.body.issues).toEqual([
      { path: "contact.email", message: "Give contact.email or contact.externalId." },
    ]);
    expect((await post(org.key, { id: "x", name: "crm/payment.failed" })).body.issues!.map((i) => i.path)).toEqual([
      "contact",
    ]);
    expect(await outbox(org.orgId)).toEqual([]);
  });

  it("every error message is a proper sentence", async () => {
    const org = await orgWithKey();
    const answers = [
      await post(null, {}),
      await post("tend_live_notarealkeyatallnotarealkeyatall", {}),
      await post(org.key, "{not json"),
      await post(org.key, []),
      await post(org.key, { id: "", name: "crm/payment.exploded", contact: { email: "nope" }, properties: [1] }),
      await post(org.key, { id: 7, name: "crm/payment.failed", contact: { externalId: 1, create: "yes" } }),
      await post(org.key, { id: "x", name: "crm/payment.failed", contact: {}, occurredAt: "yesterday" }),
      await post(org.key, { id: "x".repeat(300), name: "crm/payment.failed" }),
      await post(org.key, { id: "u1", name: "crm/payment.failed", contact: { email: uniqueEmail("nobody") } }),
      await post(org.key, { id: "u2", name: "crm/payment.failed", contact: { externalId: "cus_unknown" } }),
    ];
    await post(org.key, { id: "dup", name: "crm/payment.failed", contact: { email: uniqueEmail("d"), create: true } });
    answers.push(await post(org.key, { id: "dup", name: "crm/churn.risk", contact: { email: uniqueEmail("d") } }));
    expect(answers.map((a) => a.status)).toEqual([401, 401, 400, 400, 400, 400, 400, 400, 404, 404, 409]);
    const messages = answers.flatMap((a) => [String(a.body.error), ...(a.body.issues ?? []).map((i) => i.message)]);
    expect(messages.length).toBeGreaterThan(answers.length);
    for (const message of messages) {
      expect(message, message).toMatch(/^["A-Z].*[.!?]$/s);
      // No sentence glued into another ("… was not found. in this organisation.").
      expect(message, message).not.toMatch(/[.!?] [a-z]/);
      expect(message, message).not.toMatch(/\.\./);
    }
    expect(answers[8]!.body.error).toMatch(
      /^No customer with email \S+ exists in this organisation\. Send "create": true to add them\.$/,
    );
  });
});
