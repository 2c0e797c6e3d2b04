import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/events/route";
import { createApiKey } from "@/lib/api-keys/keys";
import { createDiscountCode, redeemDiscountCode } from "@/lib/playbooks/discounts";
import { campaignConversions } from "@/lib/campaigns/conversions";
import { campaignRecipients, campaigns } from "@/db/schema";
import { createTestOrg, setupTestDb, uniqueEmail } from "./helpers";

const db = setupTestDb();

async function orgWithKey() {
  const org = await createTestOrg(db());
  const { key } = await createApiKey(org.owner.ctx, { name: "Shop" });
  const send = async (body: Record<string, unknown>) => {
    const response = await POST(
      new Request("http://tend.test/api/v1/events", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        body: JSON.stringify(body),
      }),
    );
    const answer = (await response.json()) as { contactId: string };
    expect(response.status, JSON.stringify(answer)).toBe(202);
    return answer.contactId;
  };
  return { ...org, send };
}

const contact = (email: string) => ({ email, create: true });
const orderEvent = (id: string, email: string, orderId: string, amountMinor: number, occurredAt: string) => ({
  id,
  name: "crm/order.placed",
  contact: contact(email),
  properties: { orderId, amountMinor, currency: "EUR" },
  occurredAt,
});
const paymentEvent = (id: string, email: string, properties: Record<string, unknown>, occurredAt: string) => ({
  id,
  name: "crm/payment.succeeded",
  contact: contact(email),
  properties,
  occurredAt,
});

const FROM = new Date("2026-11-25T00:00:00Z");
const TO = new Date("2026-12-01T00:00:00Z");

/** The conversions in [FROM, TO) of a new campaign of the organisation sent to these customers. */
async function conversionsOf(orgId: string, customerIds: string[]) {
  const [c] = await db().insert(campaigns).values({ orgId, name: "Winter" }).returning({ id: campaigns.id });
  if (customerIds.length)
    await db()
      .insert(campaignRecipients)
      .values(customerIds.map((contactId) => ({ orgId, campaignId: c!.id, contactId, zone: "org", dueAt: FROM })));
  return campaignConversions(db(), orgId, [c!.id], FROM, TO);
}

describe("campaignConversions", () => {
  it("returns orders, successful payments and redeemed codes of the campaign's recipients in [from, to)", async () => {
    const org = await orgWithKey();
    const ana = uniqueEmail("ana");
    const anaId = await org.send(orderEvent("o1", ana, "1001", 12_500, "2026-11-25T14:00:00Z"));
    await org.send(paymentEvent("p1", ana, { amountMinor: 4900, currency: "USD" }, "2026-11-26T10:00:00Z"));
    await org.send(paymentEvent("p2", ana, { amountMinor: "49.00" }, "2026-11-27T10:00:00Z"));
    // Not conversions: a failed payment, an order before the period and one at its end.
    await org.send({
      ...paymentEvent("p3", ana, { amountMinor: 100 }, "2026-11-26T11:00:00Z"),
      name: "crm/payment.failed",
    });
    await org.send(orderEvent("o0", ana, "0999", 500, "2026-11-24T23:59:59Z"));
    await org.send(orderEvent("o9", ana, "1009", 500, "2026-12-01T00:00:00Z"));
    const { row: code } = await createDiscountCode(db(), {
      orgId: org.orgId,
      kind: "percent",
      value: 10,
      validDays: null,
      singleUse: true,
      contactId: anaId,
      runId: null,
      now: FROM,
    });
    await redeemDiscountCode(
      org.owner.ctx,
      { code: code.code, orderValueMinor: 3000 },
      new Date("2026-11-28T09:00:00Z"),
    );
    const ben = uniqueEmail("ben");
    const benId = await org.send(orderEvent("o2", ben, "1002", 800, "2026-11-29T10:00:00Z"));
    const cyId = await org.send(orderEvent("o3", uniqueEmail("cy"), "1003", 999, "2026-11-29T10:00:00Z"));

    const found = await conversionsOf(org.orgId, [anaId, benId]);
    expect(found.map(({ id, ...rest }) => ({ ...rest, id: id.split(":")[0] }))).toEqual([
      {
        id: "order",
        customerId: anaId,
        kind: "order",
        at: new Date("2026-11-25T14:00:00Z"),
        amountMinor: 12_500,
        currency: "EUR",
      },
      {
        id: "payment",
        customerId: anaId,
        kind: "payment",
        at: new Date("2026-11-26T10:00:00Z"),
        amountMinor: 4900,
        currency: "USD",
      },
      // No whole amount, no currency: counts as a conversion worth 0 in the organisation's currency.
      {
        id: "payment",
        customerId: anaId,
        kind: "payment",
        at: new Date("2026-11-27T10:00:00Z"),
        amountMinor: 0,
        currency: "USD",
      },
      {
        id: "discount",
        customerId: anaId,
        kind: "discount",
        at: new Date("2026-11-28T09:00:00Z"),
        amountMinor: 3000,
        currency: "USD",
      },
      {
        id: "order",
        customerId: benId,
        kind: "order",
        at: new Date("2026-11-29T10:00:00Z"),
        amountMinor: 800,
        currency: "EUR",
      },
    ]);
    expect(new Set(found.map((c) => c.id)).size).toBe(found.length);
    expect(found.some((c) => c.customerId === cyId)).toBe(false);
    expect(await conversionsOf(org.orgId, [])).toEqual([]);
  });

  it("never returns another organisation's conversions, even for its customer ids", async () => {
    const mine = await orgWithKey();
    const theirs = await orgWithKey();
    const email = uniqueEmail("shared");
    const mineId = await mine.send(orderEvent("o1", email, "1001", 1000, "2026-11-26T10:00:00Z"));
    const theirsId = await theirs.send(orderEvent("o1", email, "1001", 7000, "2026-11-26T10:00:00Z"));
    await theirs.send(paymentEvent("p1", email, { amountMinor: 500, currency: "EUR" }, "2026-11-26T11:00:00Z"));
    const found = await conversionsOf(mine.orgId, [mineId, theirsId]);
    expect(found.map((c) => [c.customerId, c.amountMinor])).toEqual([[mineId, 1000]]);
    expect(await conversionsOf(theirs.orgId, [mineId])).toEqual([]);
  });

  it("refuses ids that are not campaign ids", async () => {
    const org = await orgWithKey();
    await expect(campaignConversions(db(), org.orgId, ["1; drop table orders"], FROM, TO)).rejects.toThrow();
  });

  it("reads a campaign's recipients' conversions only, in the campaign's organisation", async () => {
    const mine = await orgWithKey();
    const theirs = await orgWithKey();
    const email = uniqueEmail("shared");
    const inIt = await mine.send(orderEvent("o1", email, "2001", 1200, "2026-11-26T10:00:00Z"));
    const notInIt = await mine.send(orderEvent("o2", uniqueEmail("other"), "2002", 3400, "2026-11-26T10:00:00Z"));
    const theirCustomer = await theirs.send(orderEvent("o1", email, "2001", 9900, "2026-11-26T10:00:00Z"));
    const [c] = await db()
      .insert(campaigns)
      .values({ orgId: mine.orgId, name: "Winter" })
      .returning({ id: campaigns.id });
    await db()
      .insert(campaignRecipients)
      .values({ orgId: mine.orgId, campaignId: c!.id, contactId: inIt, zone: "org", dueAt: FROM });
    const found = await campaignConversions(db(), mine.orgId, [c!.id], FROM, TO);
    expect(found.map((x) => [x.customerId, x.amountMinor])).toEqual([[inIt, 1200]]);
    expect(found.some((x) => x.customerId === notInIt || x.customerId === theirCustomer)).toBe(false);
    // Another organisation naming this campaign reads nothing of it.
    expect(await campaignConversions(db(), theirs.orgId, [c!.id], FROM, TO)).toEqual([]);
    expect(await campaignConversions(db(), mine.orgId, [], FROM, TO)).toEqual([]);
  });
});
