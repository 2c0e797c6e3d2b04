"use server";

import { revalidatePath } from "next/cache";
import { requireActionSession } from "@/lib/auth/session";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { createApiKey, revokeApiKey, type ApiKeySummary } from "@/lib/api-keys/keys";

export async function createApiKeyAction(input: unknown): Promise<ActionResult<{ key: string; name: string }>> {
  try {
    const ctx = await requireActionSession();
    const created = await createApiKey(ctx, input);
    revalidatePath("/settings/api-keys");
    return { ok: true, data: { key: created.key, name: created.name } };
  } catch (error) {
    return toActionError(error);
  }
}

export async function revokeApiKeyAction(input: unknown): Promise<ActionResult<ApiKeySummary>> {
  try {
    const ctx = await requireActionSession();
    const revoked = await revokeApiKey(ctx, input);
    revalidatePath("/settings/api-keys");
    return { ok: true, data: revoked };
  } catch (error) {
    return toActionError(error);
  }
}
