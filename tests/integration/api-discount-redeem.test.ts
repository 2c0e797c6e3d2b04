import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { discountCodes, eventOutbox } from "@/db/schema";
import { POST } from "@/app/api/v1/discount-codes/redeem/route";
import { createApiKey } from "@/lib/api-keys/keys";
import { createDiscountCode } from "@/lib/playbooks/discounts";
import { runnerNow } from "@/lib/playbooks/runner/now";
import { createTestOrg, setupTestDb } from "./helpers";

const db = setupTestDb();

async function redeem(key: string | null, body: unknown) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key) headers.authorization = `Bearer ${key}`;
  const response = await POST(
    new Request("http://tend.test/api/v1/discount-codes/redeem", {
      method: "POST",
      headers,
      body: JSON.stringify(body),
    }),
  );
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { issues?: { path: string }[] },
  };
}

async function orgWithCode(options: { validDays?: number | null; singleUse?: boolean } = {}) {
  const org = await createTestOrg(db());
  const { key } = await createApiKey(org.owner.ctx, { name: "Shop" });
  const { row } = await createDiscountCode(db(), {
    orgId: org.orgId,
    kind: "percent",
    value: 20,
    validDays: options.validDays ?? 7,
    singleUse: options.singleUse ?? true,
    contactId: null,
    runId: null,
    now: runnerNow(),
  });
  return { org, key, code: row.code, codeId: row.id };
}

describe("POST /api/v1/discount-codes/redeem", () => {
  it("spends a single-use code once, records the order value and announces it; a second use is refused", async () => {
    const { org, key, code, codeId } = await orgWithCode();
    const first = await redeem(key, { code: code.toLowerCase(), orderValueMinor: 12_500 });
    expect(first).toMatchObject({ status: 200, body: { code, kind: "percent", value: 20, orderValueMinor: 12_500 } });
    const [stored] = await db().select().from(discountCodes).where(eq(discountCodes.id, codeId));
    expect(stored!.redeemedAt).not.toBeNull();
    expect(stored!.orderValueMinor).toBe(12_500);
    const events = await db()
      .select({ name: eventOutbox.name })
      .from(eventOutbox)
      .where(eq(eventOutbox.orgId, org.orgId));
    expect(events.map((e) => e.name)).toContain("crm/discount.redeemed");
    expect(await redeem(key, { code, orderValueMinor: 9_900 })).toMatchObject({
      status: 409,
      body: { error: expect.stringContaining("already been used") },
    });
  });

  it("needs a valid key, and a key only reaches its own organisation's codes", async () => {
    const { code, codeId } = await orgWithCode();
    const other = await orgWithCode();
    expect((await redeem(null, { code, orderValueMinor: 100 })).status).toBe(401);
    expect(await redeem(other.key, { code, orderValueMinor: 100 })).toMatchObject({ status: 404 });
    const [stored] = await db().select().from(discountCodes).where(eq(discountCodes.id, codeId));
    expect(stored!.redeemedAt).toBeNull();
  });

  it("names the bad field and leaves the code unspent", async () => {
    const { key, code, codeId } = await orgWithCode();
    const bad = await redeem(key, { code, orderValueMinor: 12.5 });
    expect(bad.status).toBe(400);
    expect(bad.body.issues?.map((i) => i.path)).toEqual(["orderValueMinor"]);
    const [stored] = await db().select().from(discountCodes).where(eq(discountCodes.id, codeId));
    expect(stored!.redeemedAt).toBeNull();
  });
});
