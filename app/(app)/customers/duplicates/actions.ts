"use server";

import { revalidatePath } from "next/cache";
import { requireActionSession } from "@/lib/auth/session";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { mergeContacts } from "@/lib/customers/duplicates";

export async function mergeAction(input: unknown): Promise<ActionResult> {
  try {
    const ctx = await requireActionSession();
    await mergeContacts(ctx, input);
    revalidatePath("/customers", "layout");
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}
