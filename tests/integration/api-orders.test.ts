import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { apiEvents, eventOutbox, orders } from "@/db/schema";
import { POST } from "@/app/api/v1/events/route";
import { createApiKey } from "@/lib/api-keys/keys";
import { contactTimeline } from "@/lib/customers/timeline";
import { renderTimelineEntry } from "@/lib/activity/renderers";
import { createTestOrg, setupTestDb, uniqueEmail } from "./helpers";

const db = setupTestDb();

async function post(key: string, body: unknown) {
  const response = await POST(
    new Request("http://tend.test/api/v1/events", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify(body),
    }),
  );
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { issues?: { path: string; message: string }[] },
  };
}

async function orgWithKey() {
  const org = await createTestOrg(db());
  const { key } = await createApiKey(org.owner.ctx, { name: "Shop" });
  return { ...org, key };
}

const ordersOf = (orgId: string) =>
  db()
    .select({
      sourceOrderId: orders.sourceOrderId,
      contactId: orders.contactId,
      amountMinor: orders.amountMinor,
      currency: orders.currency,
      occurredAt: orders.occurredAt,
    })
    .from(orders)
    .where(eq(orders.orgId, orgId));
const outboxOf = (orgId: string) =>
  db()
    .select({ data: eventOutbox.data })
    .from(eventOutbox)
    .where(and(eq(eventOutbox.orgId, orgId), eq(eventOutbox.name, "crm/order.placed")));

const order = (email: string, id = "evt_o_1001", properties: Record<string, unknown> = {}) => ({
  id,
  name: "crm/order.placed",
  contact: { email, create: true },
  properties: { orderId: "1001", amountMinor: 12_500, currency: "EUR", items: 2, ...properties },
  occurredAt: "2026-11-25T14:00:00Z",
});

describe("crm/order.placed through POST /api/v1/events", () => {
  it("stores the order, emits the event and shows it on the customer's timeline", async () => {
    const org = await orgWithKey();
    const first = await post(org.key, order(uniqueEmail("buyer")));
    expect(first).toMatchObject({ status: 202, body: { id: "evt_o_1001", status: "accepted", contactCreated: true } });
    const contactId = first.body.contactId as string;
    expect(await ordersOf(org.orgId)).toEqual([
      {
        sourceOrderId: "1001",
        contactId,
        amountMinor: 12_500,
        currency: "EUR",
        occurredAt: new Date("2026-11-25T14:00:00Z"),
      },
    ]);
    expect((await outboxOf(org.orgId)).map((e) => e.data)).toEqual([
      {
        orgId: org.orgId,
        contactId,
        sourceEventId: "evt_o_1001",
        source: "api",
        properties: { orderId: "1001", amountMinor: 12_500, currency: "EUR", items: 2 },
      },
    ]);
    const { entries } = await contactTimeline(org.owner.ctx, contactId, { limit: 10 });
    const entry = entries.find((e) => e.type === "api_event.received")!;
    expect(renderTimelineEntry(entry.type, entry.data as Record<string, unknown>)).toMatchObject({
      title: "Order placed (via API)",
      detail: "amount €125.00 · order 1001",
    });
  });

  it("is idempotent on the order id: a second report under another event id answers the first and stores nothing", async () => {
    const org = await orgWithKey();
    const email = uniqueEmail("buyer");
    const first = await post(org.key, order(email));
    const again = await post(org.key, order(email, "evt_o_1001_retry", { amountMinor: 99_999 }));
    expect(again).toEqual({ status: 200, body: first.body });
    // The very same report again: the event id's own idempotency answers the same.
    expect(await post(org.key, order(email))).toEqual({ status: 200, body: first.body });
    expect(await ordersOf(org.orgId)).toHaveLength(1);
    expect((await ordersOf(org.orgId))[0]!.amountMinor).toBe(12_500);
    expect(await outboxOf(org.orgId)).toHaveLength(1);
    expect(await db().select().from(apiEvents).where(eq(apiEvents.orgId, org.orgId))).toHaveLength(1);
    // Another order of the same customer is a new order.
    expect((await post(org.key, order(email, "evt_o_1002", { orderId: "1002" }))).status).toBe(202);
    expect(await ordersOf(org.orgId)).toHaveLength(2);
  });

  it("two reports of one order at once store it once and both answer with the same result", async () => {
    const org = await orgWithKey();
    const email = uniqueEmail("race");
    const answers = await Promise.all([post(org.key, order(email, "evt_a")), post(org.key, order(email, "evt_b"))]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 202]);
    expect(answers[0]!.body).toEqual(answers[1]!.body);
    expect(await ordersOf(org.orgId)).toHaveLength(1);
    expect(await outboxOf(org.orgId)).toHaveLength(1);
  });

  it("the same order id in another organisation is that organisation's own order", async () => {
    const mine = await orgWithKey();
    const theirs = await orgWithKey();
    const email = uniqueEmail("both");
    const a = await post(mine.key, order(email));
    const b = await post(theirs.key, order(email, "evt_o_1001", { amountMinor: 300 }));
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(b.body.contactId).not.toBe(a.body.contactId);
    expect((await ordersOf(mine.orgId)).map((o) => [o.contactId, o.amountMinor])).toEqual([[a.body.contactId, 12_500]]);
    expect((await ordersOf(theirs.orgId)).map((o) => [o.contactId, o.amountMinor])).toEqual([[b.body.contactId, 300]]);
  });

  it("bad input answers 400 naming each field, and stores nothing", async () => {
    const org = await orgWithKey();
    const email = uniqueEmail("bad");
    const missing = await post(org.key, { ...order(email), properties: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.issues!.map((i) => i.path).sort()).toEqual([
      "properties.amountMinor",
      "properties.currency",
      "properties.orderId",
    ]);
    const wrong = await post(org.key, order(email, "evt_bad", { orderId: " ", amountMinor: 12.5, currency: "eur" }));
    expect(wrong.body.issues).toEqual([
      { path: "properties.orderId", message: "Give orderId, your shop's id for the order." },
      { path: "properties.amountMinor", message: "Make amountMinor a whole number of minor units (4900 for 49.00)." },
      {
        path: "properties.currency",
        message: "Use a three-letter ISO 4217 currency code in capitals, such as USD or EUR.",
      },
    ]);
    const notMoney = await post(org.key, order(email, "evt_bad2", { amountMinor: 0, currency: "XYZ" }));
    expect(notMoney.body.issues!.map((i) => i.path)).toEqual(["properties.amountMinor", "properties.currency"]);
    expect(await ordersOf(org.orgId)).toEqual([]);
    expect(await outboxOf(org.orgId)).toEqual([]);
  });
});
