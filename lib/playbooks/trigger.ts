import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { playbooks } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import { PLAYBOOK_TRIGGERS, SEGMENT_TRIGGER } from "./constants";
import { recordAudit } from "../audit/record";
import { loadPlaybook } from "./playbooks";
import { assertTriggerSegment } from "./trigger-segment";

const triggerSchema = z
  .object({
    trigger: z.enum(PLAYBOOK_TRIGGERS, "Choose a trigger"),
    triggerSegmentId: z.preprocess(
      (v) => (v === "" ? null : v),
      z.uuid("Choose a segment from the list").nullable().default(null),
    ),
  })
  .refine((d) => d.trigger !== SEGMENT_TRIGGER || d.triggerSegmentId != null, {
    message: "Choose a segment",
    path: ["triggerSegmentId"],
  })
  .transform((d) => ({
    trigger: d.trigger,
    triggerSegmentId: d.trigger === SEGMENT_TRIGGER ? d.triggerSegmentId : null,
  }));

/** Changes what starts a playbook (owners). Runs already under way are not touched. */
export async function setPlaybookTrigger(ctx: Ctx, playbookId: unknown, input: unknown) {
  requirePermission(ctx.actor, "playbooks:manage");
  const d = triggerSchema.parse(input);
  await ctx.db.transaction(async (tx) => {
    const pb = await loadPlaybook(tx, ctx.orgId, playbookId, true);
    await assertTriggerSegment(tx, ctx.orgId, d.triggerSegmentId);
    await tx
      .update(playbooks)
      .set({ ...d, updatedAt: new Date() })
      .where(and(eq(playbooks.id, pb.id), eq(playbooks.orgId, ctx.orgId)));
    await recordAudit(tx, ctx, {
      action: "playbook.trigger_changed",
      target: { id: pb.id, label: pb.name },
      before: { trigger: pb.trigger, triggerSegmentId: pb.triggerSegmentId },
      after: d,
    });
  });
}
