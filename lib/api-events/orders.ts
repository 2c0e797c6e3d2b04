import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { apiEvents, orders } from "@/db/schema";
import type { IngestResponse } from "./ingest";
import type { OrderProperties } from "./order.schema";

/**
 * The answer to this order's first report in the organisation, or null when it is new. A
 * receipt deleted since (never in practice) still answers, from the order itself.
 */
export async function firstOrderResult(
  db: DbOrTx,
  orgId: string,
  orderId: string,
  eventId: string,
): Promise<IngestResponse | null> {
  const [row] = await db
    .select({ contactId: orders.contactId, response: apiEvents.response })
    .from(orders)
    .leftJoin(apiEvents, and(eq(apiEvents.id, orders.apiEventId), eq(apiEvents.orgId, orgId)))
    .where(and(eq(orders.orgId, orgId), eq(orders.sourceOrderId, orderId)))
    .limit(1);
  if (!row) return null;
  if (row.response) return row.response as IngestResponse;
  return { id: eventId, contactId: row.contactId ?? "", status: "accepted", contactCreated: false };
}

/** Stores the order with its receipt; false when the organisation already has this order id. */
export async function recordOrder(
  tx: DbOrTx,
  o: { orgId: string; contactId: string; apiEventId: string; occurredAt: Date; order: OrderProperties },
): Promise<boolean> {
  const [row] = await tx
    .insert(orders)
    .values({
      orgId: o.orgId,
      sourceOrderId: o.order.orderId,
      contactId: o.contactId,
      amountMinor: o.order.amountMinor,
      currency: o.order.currency,
      occurredAt: o.occurredAt,
      apiEventId: o.apiEventId,
    })
    .onConflictDoNothing({ target: [orders.orgId, orders.sourceOrderId] })
    .returning({ id: orders.id });
  return Boolean(row);
}
