import type { DbOrTx } from "@/db/client";
import { sql, type SQL } from "drizzle-orm";
import type { RunLogStatus } from "./constants";

export type LogEntry = {
  orgId: string;
  runId: string;
  nodeId: string;
  nodeType: string;
  /** Unique within the run: a retried step writes its entry once. */
  key: string;
  status: RunLogStatus;
  detail?: string;
  until?: Date | null;
  untilLabel?: string | null;
  messageId?: string | null;
  discountCodeId?: string | null;
  data?: Record<string, unknown>;
  at: Date;
};

/**
 * One line of a run's timeline as an insert whose text never changes: most steps of a playbook
 * write one, so it skips the query builder and, on PostgreSQL, is prepared once per connection.
 */
function insertLine(e: LogEntry, onConflict: SQL) {
  return sql`
    insert into playbook_run_log (org_id, run_id, node_id, node_type, key, status, detail, until, until_label,
      message_id, discount_code_id, data, at)
    values (${e.orgId}::uuid, ${e.runId}::uuid, ${e.nodeId}, ${e.nodeType}, ${e.key}, ${e.status}::playbook_run_log_status,
      ${e.detail ?? ""}, ${e.until?.toISOString() ?? null}::timestamptz, ${e.untilLabel ?? null}, ${e.messageId ?? null}::uuid,
      ${e.discountCodeId ?? null}::uuid, ${JSON.stringify(e.data ?? {})}::jsonb, ${e.at.toISOString()}::timestamptz)
    ${onConflict}`;
}

/** Writes (or rewrites, on a retry) one line of a run's timeline. */
export async function logNode(db: DbOrTx, e: LogEntry): Promise<void> {
  await db.execute(
    insertLine(
      e,
      sql`on conflict (run_id, key) do update set status = excluded.status, detail = excluded.detail,
        until = excluded.until, until_label = excluded.until_label, message_id = excluded.message_id,
        discount_code_id = excluded.discount_code_id, data = excluded.data, at = excluded.at`,
    ),
  );
}

/** Writes a line only if the run has none with this key yet (for writes outside a step, repeated on replays). */
export async function logNodeOnce(db: DbOrTx, e: LogEntry): Promise<void> {
  await db.execute(insertLine(e, sql`on conflict do nothing`));
}
