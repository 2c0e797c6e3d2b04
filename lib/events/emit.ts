import type { DbOrTx } from "@/db/client";
import { eventOutbox } from "@/db/schema";
import { EVENT_SCHEMAS, type EventData, type EventName } from "./catalog";

/**
 * Records an event in the outbox, inside the caller's transaction: it is announced if and only
 * if the change commits. Returns the event id (also the Inngest event id, for deduplication).
 */
export async function emitEvent<N extends EventName>(tx: DbOrTx, name: N, data: EventData<N>): Promise<string> {
  const parsed = EVENT_SCHEMAS[name].parse(data) as Record<string, unknown> & { orgId: string };
  const [row] = await tx
    .insert(eventOutbox)
    .values({ orgId: parsed.orgId, name, data: parsed })
    .returning({ id: eventOutbox.id });
  return row!.id;
}

/** Many events of one kind in one statement (bulk actions), with the same guarantee as emitEvent. */
export async function emitEvents<N extends EventName>(tx: DbOrTx, name: N, items: EventData<N>[]): Promise<string[]> {
  if (items.length === 0) return [];
  const rows = items.map((data) => {
    const parsed = EVENT_SCHEMAS[name].parse(data) as Record<string, unknown> & { orgId: string };
    return { orgId: parsed.orgId, name, data: parsed };
  });
  const inserted = await tx.insert(eventOutbox).values(rows).returning({ id: eventOutbox.id });
  return inserted.map((r) => r.id);
}
