import type { DbOrTx } from "@/db/client";
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

/** Writes (or rewrites, on a retry) one line of a run's timeline. */
export async function logNode(db: DbOrTx, e: LogEntry): Promise<void> {
  const values = { ...e, detail: e.detail ?? "", data: e.data ?? {} };
  await db
    .insert(playbookRunLog)
    .values(values)
    .onConflictDoUpdate({
      target: [playbookRunLog.runId, playbookRunLog.key],
      set: {
        status: values.status,
        detail: values.detail,
        until: values.until ?? null,
        untilLabel: values.untilLabel ?? null,
        messageId: values.messageId ?? null,
        discountCodeId: values.discountCodeId ?? null,
        data: values.data,
        at: values.at,
      },
    });
}

/** Writes a line only if the run has none with this key yet (for writes outside a step, repeated on replays). */
export async function logNodeOnce(db: DbOrTx, e: LogEntry): Promise<void> {
  await db
    .insert(playbookRunLog)
    .values({ ...e, detail: e.detail ?? "", data: e.data ?? {} })
    .onConflictDoNothing();
}
