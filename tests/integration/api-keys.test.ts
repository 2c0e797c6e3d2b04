import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { apiKeys, auditEvents } from "@/db/schema";
import { ApiKeyError, authenticateApiKey } from "@/lib/api-keys/authenticate";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/api-keys/keys";
import { hashApiKey } from "@/lib/api-keys/key-format";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { ZodError } from "zod";
import { createTestOrg, setupTestDb } from "./helpers";

const db = setupTestDb();
const call = (authorization?: string) =>
  new Request("http://tend.test/api/v1/events", { method: "POST", headers: authorization ? { authorization } : {} });

async function refusal(request: Request) {
  try {
    await authenticateApiKey(request, { db: db() });
  } catch (error) {
    return error instanceof ApiKeyError ? error.problem : error;
  }
  return "accepted";
}

describe("API keys", () => {
  it("an owner creates a key shown once and stored hashed; it authenticates for that organisation only", async () => {
    const org = await createTestOrg(db());
    const created = await createApiKey(org.owner.ctx, { name: "  Billing  " });
    expect(created.key).toMatch(/^tend_live_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({
      name: "Billing",
      prefix: created.key.slice(0, 16),
      lastUsedAt: null,
      revokedAt: null,
    });

    const [stored] = await db().select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(stored!.keyHash).toBe(hashApiKey(created.key));
    expect(JSON.stringify(stored)).not.toContain(created.key);
    expect(await listApiKeys(org.owner.ctx)).toEqual([
      expect.objectContaining({ id: created.id, name: "Billing", prefix: created.prefix }),
    ]);
    expect(JSON.stringify(await listApiKeys(org.owner.ctx))).not.toContain(created.key);

    expect(await authenticateApiKey(call(`Bearer ${created.key}`), { db: db() })).toEqual({
      orgId: org.orgId,
      keyId: created.id,
      name: "Billing",
    });
    const [used] = await db()
      .select({ lastUsedAt: apiKeys.lastUsedAt })
      .from(apiKeys)
      .where(eq(apiKeys.id, created.id));
    expect(used!.lastUsedAt).toBeInstanceOf(Date);
    const audit = await db()
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, org.orgId), eq(auditEvents.targetId, created.id)));
    expect(audit.map((a) => a.action)).toEqual(["api_key.created"]);
  });

  it("refuses a missing, malformed, unknown or revoked key", async () => {
    const org = await createTestOrg(db());
    const { key, id } = await createApiKey(org.owner.ctx, { name: "CI" });
    expect(await refusal(call())).toBe("missing");
    expect(await refusal(call(`Basic ${key}`))).toBe("missing");
    expect(await refusal(call("Bearer not-a-tend-key"))).toBe("invalid");
    expect(await refusal(call(`Bearer ${key.slice(0, -2)}xx`))).toBe("invalid");
    expect(await refusal(call(`Bearer ${key}`))).toBe("accepted");

    await revokeApiKey(org.owner.ctx, { keyId: id });
    expect(await refusal(call(`Bearer ${key}`))).toBe("revoked");
    const [row] = await listApiKeys(org.owner.ctx);
    expect(row!.revokedAt).toBeInstanceOf(Date);
    // Revoking twice is harmless and keeps the first time.
    expect((await revokeApiKey(org.owner.ctx, { keyId: id })).revokedAt).toEqual(row!.revokedAt);
  });

  it("only owners manage keys, and another organisation's key reads as not found", async () => {
    const org = await createTestOrg(db());
    const other = await createTestOrg(db());
    const { id } = await createApiKey(org.owner.ctx, { name: "Shop" });
    for (const user of [org.rep, org.staff]) {
      await expect(createApiKey(user.ctx, { name: "x" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listApiKeys(user.ctx)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(revokeApiKey(user.ctx, { keyId: id })).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(revokeApiKey(other.owner.ctx, { keyId: id })).rejects.toBeInstanceOf(NotFoundError);
    expect(await listApiKeys(other.owner.ctx)).toEqual([]);
    await expect(createApiKey(org.owner.ctx, { name: "   " })).rejects.toBeInstanceOf(ZodError);
    expect((await listApiKeys(org.owner.ctx))[0]!.revokedAt).toBeNull();
  });
});
