import type { DbOrTx } from "@/db/client";
import { insertRows } from "@/db/insert-rows";
import { activities } from "@/db/schema";

export type NewActivity = {
  orgId: string;
  type: string;
  contactId?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  actorId?: string | null;
  /** Who acted when it was not a teammate (lib/actors.ts actedBy). */
  actorLabel?: string | null;
  privateToUserId?: string | null;
  data?: Record<string, unknown>;
  occurredAt?: Date;
};

/** Writes one timeline entry; call it inside the transaction of the change it describes. */
export async function recordActivity(tx: DbOrTx, activity: NewActivity): Promise<string> {
  const [row] = await tx
    .insert(activities)
    .values({ ...activity, data: activity.data ?? {} })
    .returning({ id: activities.id });
  return row!.id;
}

/**
 * Writes many timeline entries in one statement (a burst's enrolments, thousands at a time: not
 * the query builder, db/insert-rows.ts); inside the change's transaction.
 */
export async function recordActivities(tx: DbOrTx, list: NewActivity[]): Promise<void> {
  if (!list.length) return;
  // insertRows takes the same columns from every row: what an entry leaves out is null, and
  // when it happened is now unless every entry says.
  const now = list.every((a) => a.occurredAt) ? undefined : new Date();
  await insertRows(
    tx,
    activities,
    list.map((a) => ({
      orgId: a.orgId,
      type: a.type,
      contactId: a.contactId ?? null,
      subjectType: a.subjectType ?? null,
      subjectId: a.subjectId ?? null,
      actorId: a.actorId ?? null,
      actorLabel: a.actorLabel ?? null,
      privateToUserId: a.privateToUserId ?? null,
      data: a.data ?? {},
      occurredAt: a.occurredAt ?? now,
    })),
  );
}
