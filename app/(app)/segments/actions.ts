"use server";

import { revalidatePath } from "next/cache";
import { requireActionSession } from "@/lib/auth/session";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { createSegment, deleteSegment, duplicateSegment, updateSegment } from "@/lib/segments/segments";
import { addStaticMembers, addStaticMembersByEmail, removeStaticMember } from "@/lib/segments/static-members";

async function run<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    const data = await fn();
    revalidatePath("/segments", "layout");
    return { ok: true, data };
  } catch (error) {
    return toActionError(error);
  }
}

export async function saveSegmentAction(id: string | null, input: unknown): Promise<ActionResult<{ id: string }>> {
  return run(async () => {
    const ctx = await requireActionSession();
    const seg = id ? await updateSegment(ctx, id, input) : await createSegment(ctx, input);
    return { id: seg.id };
  });
}

export async function duplicateSegmentAction(id: string): Promise<ActionResult<{ id: string }>> {
  return run(async () => ({ id: (await duplicateSegment(await requireActionSession(), id)).id }));
}

export async function deleteSegmentAction(id: string): Promise<ActionResult<null>> {
  return run(async () => {
    await deleteSegment(await requireActionSession(), id);
    return null;
  });
}

export async function addToSegmentAction(
  segmentId: string,
  contactIds: string[],
): Promise<ActionResult<{ added: number }>> {
  return run(async () => ({ added: await addStaticMembers(await requireActionSession(), segmentId, contactIds) }));
}

export async function addEmailsToSegmentAction(
  segmentId: string,
  csvText: string,
): Promise<ActionResult<{ added: number; matched: number; unknown: string[] }>> {
  return run(async () => addStaticMembersByEmail(await requireActionSession(), segmentId, csvText));
}

export async function removeFromSegmentAction(segmentId: string, contactId: string): Promise<ActionResult<null>> {
  return run(async () => {
    await removeStaticMember(await requireActionSession(), segmentId, contactId);
    return null;
  });
}
