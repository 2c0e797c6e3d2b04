"use server";

import { revalidatePath } from "next/cache";
import { requireActionSession } from "@/lib/auth/session";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { updateLifecycleRules } from "@/lib/customers/lifecycle-settings";

export async function updateLifecycleRulesAction(input: unknown): Promise<ActionResult> {
  try {
    const ctx = await requireActionSession();
    await updateLifecycleRules(ctx, input);
    revalidatePath("/customers/rules");
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}
