import type { DbOrTx } from "@/db/client";
import { insertRows } from "@/db/insert-rows";
import { playbookRunLog } from "@/db/schema";
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

const line = (e: LogEntry) => ({
  orgId: e.orgId,
  runId: e.runId,
  nodeId: e.nodeId,
  nodeType: e.nodeType,
  key: e.key,
  status: e.status,
  detail: e.detail ?? "",
  until: e.until ?? null,
  untilLabel: e.untilLabel ?? null,
  messageId: e.messageId ?? null,
  discountCodeId: e.discountCodeId ?? null,
  data: e.data ?? {},
  at: e.at,
});

// Most steps of a playbook write a line: one jsonb parameter, not the query builder, and the
// lines of runs stepping at the same moment share a statement (db/insert-rows.ts, `together`).

/** Writes (or rewrites, on a retry) one line of a run's timeline. */
export async function logNode(db: DbOrTx, e: LogEntry): Promise<void> {
  await insertRows(db, playbookRunLog, [line(e)], {
    onConflictDoUpdate: {
      target: ["runId", "key"],
      set: ["status", "detail", "until", "untilLabel", "messageId", "discountCodeId", "data", "at"],
    },
    together: { key: e.runId },
  });
}

/** Writes a line only if the run has none with this key yet (for writes outside a step, repeated on replays). */
export async function logNodeOnce(db: DbOrTx, e: LogEntry): Promise<void> {
  await insertRows(db, playbookRunLog, [line(e)], { onConflictDoNothing: true, together: { key: e.runId } });
}
