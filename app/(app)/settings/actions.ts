"use server";

import { revalidatePath } from "next/cache";
import { requireActionSession } from "@/lib/auth/session";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { updateOrganizationSettings } from "@/lib/orgs/settings";

export async function updateOrganizationAction(input: unknown): Promise<ActionResult> {
  try {
    const ctx = await requireActionSession();
    await updateOrganizationSettings(ctx, input);
    revalidatePath("/", "layout");
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}
