"use server";

import { z } from "zod";
import { defineAction, verbInput } from "@/lib/actions/define-action";
import type { TemplateInput, topicSchema } from "@/lib/email/email.schema";
import { createTemplate, updateTemplate } from "@/lib/email/templates";
import { createTopic, deleteTopic, updateTopic } from "@/lib/email/topics";

const email = { revalidate: ["/settings/email"] };

export const saveTemplateAction = defineAction(
  z.object({ templateId: z.uuid().nullable(), template: verbInput<TemplateInput>() }),
  async (ctx, { templateId, template }) => {
    if (!templateId) return createTemplate(ctx, template);
    await updateTemplate(ctx, templateId, template);
    return { id: templateId };
  },
  email,
);

export const saveTopicAction = defineAction(
  z.object({ topicId: z.uuid().nullable(), topic: verbInput<z.input<typeof topicSchema>>() }),
  async (ctx, { topicId, topic }) => {
    if (topicId) await updateTopic(ctx, topicId, topic);
    else await createTopic(ctx, topic);
  },
  email,
);

export const deleteTopicAction = defineAction(
  z.object({ topicId: z.uuid() }),
  (ctx, { topicId }) => deleteTopic(ctx, topicId),
  email,
);
