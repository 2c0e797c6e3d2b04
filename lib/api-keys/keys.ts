import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import { recordAudit } from "../audit/record";
import { apiKeys } from "@/db/schema";
import type { Ctx } from "../context";
import { NotFoundError } from "../errors";
import { requirePermission } from "../auth/permissions";
import { createApiKeySchema, revokeApiKeySchema } from "./api-key.schema";
import { generateApiKey } from "./key-format";
import { userIdOf } from "../actors";

export type ApiKeySummary = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

const summaryColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

export async function listApiKeys(ctx: Ctx): Promise<ApiKeySummary[]> {
  requirePermission(ctx.actor, "api_keys:manage");
  return ctx.db
    .select(summaryColumns)
    .from(apiKeys)
    .where(eq(apiKeys.orgId, ctx.orgId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** Returns the key in clear exactly once; only its hash is stored. */
export async function createApiKey(ctx: Ctx, input: unknown): Promise<ApiKeySummary & { key: string }> {
  requirePermission(ctx.actor, "api_keys:manage");
  const { name } = createApiKeySchema.parse(input);
  const { key, prefix, hash } = generateApiKey();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({ orgId: ctx.orgId, name, prefix, keyHash: hash, createdById: userIdOf(ctx.actor) })
      .returning(summaryColumns);
    await recordAudit(tx, ctx, {
      action: "api_key.created",
      target: { id: row!.id, label: name },
      after: { name, prefix },
    });
    return { ...row!, key };
  });
}

export async function revokeApiKey(ctx: Ctx, input: unknown): Promise<ApiKeySummary> {
  requirePermission(ctx.actor, "api_keys:manage");
  const { keyId } = revokeApiKeySchema.parse(input);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, keyId), eq(apiKeys.orgId, ctx.orgId), isNull(apiKeys.revokedAt)))
      .returning(summaryColumns);
    if (!row) {
      const [existing] = await tx
        .select(summaryColumns)
        .from(apiKeys)
        .where(and(eq(apiKeys.id, keyId), eq(apiKeys.orgId, ctx.orgId)))
        .limit(1);
      if (!existing) throw new NotFoundError("That API key");
      return existing;
    }
    await recordAudit(tx, ctx, {
      action: "api_key.revoked",
      target: { id: row.id, label: row.name },
      before: { status: "active" },
      after: { status: "revoked" },
      data: { prefix: row.prefix },
    });
    return row;
  });
}
