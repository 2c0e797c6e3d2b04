import type { DbOrTx } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { Ctx } from "../context";

export async function auditPlaybook(
  tx: DbOrTx,
  ctx: Ctx,
  action: string,
  playbookId: string,
  data: Record<string, unknown> = {},
) {
  await tx
    .insert(auditEvents)
    .values({ orgId: ctx.orgId, actorId: ctx.actor.id, action, subjectType: "playbook", subjectId: playbookId, data });
}
