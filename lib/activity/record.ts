import type { DbOrTx } from "@/db/client";
import { activities } from "@/db/schema";

export type NewActivity = {
  orgId: string;
  type: string;
  contactId?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  actorId?: string | null;
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

/** Writes many timeline entries in one statement (a batch's enrolments); inside the change's transaction. */
export async function recordActivities(tx: DbOrTx, list: NewActivity[]): Promise<void> {
  if (list.length) await tx.insert(activities).values(list.map((a) => ({ ...a, data: a.data ?? {} })));
}
