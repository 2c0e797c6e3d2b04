import "server-only";
import type { UserCtx } from "@/lib/context";
import { listSegments } from "@/lib/segments/segments";
import { listTopics } from "@/lib/email/topics";
import { listTemplates } from "@/lib/email/templates";
import { emailConfig } from "@/lib/email/config";

/** What the compose form offers: the organisation's segments, topics and templates, and the sender. */
export async function composeData(ctx: UserCtx) {
  const [segments, topics, templates] = await Promise.all([listSegments(ctx), listTopics(ctx), listTemplates(ctx)]);
  return {
    segments: segments.map((s) => ({ id: s.id, name: s.name })),
    topics: topics.map((t) => ({ key: t.key, name: t.name })),
    templates: templates.map((t) => ({ id: t.id, name: t.name })),
    sender: emailConfig().from,
  };
}
