"use server";

import { revalidatePath } from "next/cache";
import { requireActionSession } from "@/lib/auth/session";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { createTemplate, updateTemplate } from "@/lib/email/templates";
import { createTopic, deleteTopic, updateTopic } from "@/lib/email/topics";
import { templateSchema, topicSchema, topicUpdateSchema } from "@/lib/email/email.schema";

export async function saveTemplateAction(
  templateId: string | null,
  input: unknown,
): Promise<ActionResult<{ id: string }>> {
  try {
    const ctx = await requireActionSession();
    const data = templateSchema.parse(input);
    const id = templateId
      ? (await updateTemplate(ctx, templateId, data), templateId)
      : (await createTemplate(ctx, { ...data, key: data.key || undefined })).id;
    revalidatePath("/settings/email");
    return { ok: true, data: { id } };
  } catch (error) {
    return toActionError(error);
  }
}

export async function saveTopicAction(topicId: string | null, input: unknown): Promise<ActionResult> {
  try {
    const ctx = await requireActionSession();
    if (topicId) await updateTopic(ctx, topicId, topicUpdateSchema.parse(input));
    else await createTopic(ctx, topicSchema.parse(input));
    revalidatePath("/settings/email");
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}

export async function deleteTopicAction(topicId: string): Promise<ActionResult> {
  try {
    const ctx = await requireActionSession();
    await deleteTopic(ctx, topicId);
    revalidatePath("/settings/email");
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}
