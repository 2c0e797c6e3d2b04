import type { DbOrTx } from "@/db/client";
import type { AuditAction } from "../audit/actions";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";

export async function auditPlaybook(
  tx: DbOrTx,
  ctx: Ctx,
  action: AuditAction,
  playbookId: string,
  data: Record<string, unknown> = {},
) {
  await recordAudit(tx, ctx, { action, target: { id: playbookId }, data });
}
