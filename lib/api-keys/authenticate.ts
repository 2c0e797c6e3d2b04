import "server-only";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { DomainError } from "../errors";
import { hashApiKey, looksLikeApiKey } from "./key-format";
import { takeApiToken } from "./rate-limit";
import type { ApiKeyActor, Ctx } from "../context";
import { requestMetaFrom } from "../request-meta";

export type ApiKeyProblem = "missing" | "invalid" | "revoked" | "rate_limited";

/** Why a public API call was refused before it reached any data. Route handlers map it to 401/429. */
export class ApiKeyError extends DomainError {
  constructor(
    readonly problem: ApiKeyProblem,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
  get status(): 401 | 429 {
    return this.problem === "rate_limited" ? 429 : 401;
  }
}

const MESSAGES: Record<Exclude<ApiKeyProblem, "rate_limited">, string> = {
  missing: "Send your API key as 'Authorization: Bearer <key>'. Owners create keys in Settings → API keys.",
  invalid: "This API key is not valid.",
  revoked: "This API key has been revoked. Ask an owner for a new one.",
};

function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? null;
}

/** Resolves the organisation a public API call acts for from its `Authorization: Bearer` key. */
export async function authenticateApiKey(
  request: Request,
  options: { db?: DbOrTx; now?: Date } = {},
): Promise<{ orgId: string; keyId: string; name: string }> {
  const token = bearerToken(request);
  if (!token) throw new ApiKeyError("missing", MESSAGES.missing);
  if (!looksLikeApiKey(token)) throw new ApiKeyError("invalid", MESSAGES.invalid);
  const db = options.db ?? (await getDb());
  const now = options.now ?? new Date();
  const [key] = await db
    .select({ id: apiKeys.id, orgId: apiKeys.orgId, name: apiKeys.name, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(eq(apiKeys.keyHash, hashApiKey(token)))
    .limit(1);
  if (!key) throw new ApiKeyError("invalid", MESSAGES.invalid);
  if (key.revokedAt) throw new ApiKeyError("revoked", MESSAGES.revoked);
  const wait = takeApiToken(key.id, now.getTime());
  if (wait > 0) throw new ApiKeyError("rate_limited", `Too many requests with this API key. Retry in ${wait} s.`, wait);
  // "Last used" to the minute is enough, and spares a write on every call.
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiKeys.id, key.id),
        or(
          isNull(apiKeys.lastUsedAt),
          lt(apiKeys.lastUsedAt, sql`${now.toISOString()}::timestamptz - interval '1 minute'`),
        ),
      ),
    );
  return { orgId: key.orgId, keyId: key.id, name: key.name };
}

/** The context a public API call acts in: its key's organisation, the key as the actor, the request's IP. */
export async function apiKeyCtx(
  request: Request,
  options: { db?: DbOrTx; now?: Date } = {},
): Promise<Ctx<ApiKeyActor>> {
  const key = await authenticateApiKey(request, options);
  return {
    orgId: key.orgId,
    db: options.db ?? (await getDb()),
    actor: { kind: "api_key", id: key.keyId, name: key.name },
    request: requestMetaFrom(request.headers),
  };
}
