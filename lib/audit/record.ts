import type { DbOrTx } from "@/db/client";
import { insertRows } from "@/db/insert-rows";
import { auditEvents } from "@/db/schema";
import { actorKey, actorLabelOf, userIdOf } from "../actors";
import type { Ctx } from "../context";
import { AUDIT_ACTIONS, type AuditAction } from "./actions";
import { redact } from "./redact";

export type AuditEntry = {
  action: AuditAction;
  /** The record the action was about; `label` is what the log shows for it (a name, an email). */
  target: { id?: string | null; label?: string };
  /** The changed fields only (see changedFields); secrets are redacted here whatever the caller passes. */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Anything else worth keeping (counts, reasons). */
  data?: Record<string, unknown>;
};

/** The columns that say who acted. Teammates are named at read time (a rename shows everywhere). */
function actorColumns(actor: Ctx["actor"]) {
  return {
    actorKind: actor.kind,
    actorId: userIdOf(actor),
    actorKey: actorKey(actor),
    actorLabel: actorLabelOf(actor) ?? "",
  };
}

/**
 * The one audit writer. Call it with the transaction of the change it records: if the change
 * fails nothing is recorded, and if recording fails the change fails with it (fail-closed).
 */
export async function recordAudit(tx: DbOrTx, ctx: Ctx, entry: AuditEntry): Promise<void> {
  const { target } = AUDIT_ACTIONS[entry.action];
  // Every audited change writes one: one jsonb parameter, not the query builder (db/insert-rows.ts);
  // outside a transaction, entries recorded at the same moment share the statement.
  await insertRows(
    tx,
    auditEvents,
    [
      {
        orgId: ctx.orgId,
        ...actorColumns(ctx.actor),
        action: entry.action,
        targetType: target,
        targetId: entry.target.id ?? null,
        targetLabel: entry.target.label ?? "",
        before: entry.before ? (redact(entry.before) as Record<string, unknown>) : null,
        after: entry.after ? (redact(entry.after) as Record<string, unknown>) : null,
        data: (redact(entry.data ?? {}) as Record<string, unknown>) ?? {},
        ip: ctx.request?.ip ?? null,
        userAgent: ctx.request?.userAgent ?? null,
      },
    ],
    { together: {} },
  );
}
