"use server";

import { revalidatePath } from "next/cache";
import { requireActionSession } from "@/lib/auth/session";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { createContact } from "@/lib/customers/contacts";
import { bulkUpdate } from "@/lib/customers/tags";

export async function createContactAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  try {
    const ctx = await requireActionSession();
    const c = await createContact(ctx, input);
    revalidatePath("/customers");
    return { ok: true, data: { id: c.id } };
  } catch (error) {
    return toActionError(error);
  }
}

export async function bulkUpdateAction(input: unknown): Promise<ActionResult<{ changed: number }>> {
  try {
    const ctx = await requireActionSession();
    const changed = await bulkUpdate(ctx, input);
    revalidatePath("/customers");
    return { ok: true, data: { changed } };
  } catch (error) {
    return toActionError(error);
  }
}
