import "server-only";
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { apiEvents } from "@/db/schema";
import { recordActivity } from "../activity/record";
import { emitEvent } from "../events/emit";
import { apiEventSchema, type ApiEvent } from "./event.schema";
import { ORDER_EVENT, orderPropertiesSchema } from "./order.schema";
import { firstOrderResult, recordOrder } from "./orders";
import { resolveApiContact } from "./resolve-contact";
import { actedBy } from "../actors";
import { requirePermission } from "../auth/permissions";
import type { Ctx } from "../context";
import { ConflictError } from "../errors";

export type IngestResponse = { id: string; contactId: string; status: "accepted"; contactCreated: boolean };
export type IngestResult = { httpStatus: 200 | 202; body: IngestResponse };

class AlreadyReceived extends Error {}

export class EventIdReusedError extends ConflictError {
  constructor(id: string) {
    super(
      `The event id "${id}" was already used for a different event. Send each new event with a new id; repeat an event only with exactly the same body.`,
    );
  }
}

/** The event as received, after validation (trimmed, email lowercased), as a stable fingerprint. */
function fingerprint(event: ApiEvent): string {
  return createHash("sha256")
    .update(canonicalize(event) ?? "")
    .digest("hex");
}

/** The first result for this id; a different body under the same id is a conflict (409). */
async function firstResult(
  db: DbOrTx,
  orgId: string,
  sourceEventId: string,
  hash: string,
): Promise<IngestResponse | null> {
  const [row] = await db
    .select({ response: apiEvents.response, requestHash: apiEvents.requestHash })
    .from(apiEvents)
    .where(and(eq(apiEvents.orgId, orgId), eq(apiEvents.sourceEventId, sourceEventId)))
    .limit(1);
  if (!row) return null;
  // Receipts from before fingerprints were kept (null) answer as before.
  if (row.requestHash !== null && row.requestHash !== hash) throw new EventIdReusedError(sourceEventId);
  return row.response as IngestResponse;
}

/**
 * Records a business event from another system: the receipt (idempotent on the caller's id per
 * organisation), the customer (found or created), the timeline entry and the event playbooks
 * listen to all commit together. A repeat with the same body answers with the first result and
 * emits nothing; the same id with another body is refused (409). An order (`crm/order.placed`) is
 * also idempotent on its orderId: a report of a known order answers with the first one's result
 * and stores nothing, whatever its event id.
 */
export async function ingestApiEvent(ctx: Ctx, input: unknown): Promise<IngestResult> {
  requirePermission(ctx.actor, "customers:write");
  const event = apiEventSchema.parse(input);
  const hash = fingerprint(event);
  const earlier = await firstResult(ctx.db, ctx.orgId, event.id, hash);
  if (earlier) return { httpStatus: 200, body: earlier };
  const order = event.name === ORDER_EVENT ? orderPropertiesSchema.parse(event.properties) : null;
  if (order) {
    const firstOrder = await firstOrderResult(ctx.db, ctx.orgId, order.orderId, event.id);
    if (firstOrder) return { httpStatus: 200, body: firstOrder };
  }
  const occurredAt = event.occurredAt ? new Date(event.occurredAt) : new Date();
  const properties = event.properties ?? {};
  try {
    const body = await ctx.db.transaction(async (tx) => {
      const { contactId, created } = await resolveApiContact(tx, ctx.orgId, event.contact);
      const response: IngestResponse = { id: event.id, contactId, status: "accepted", contactCreated: created };
      const [receipt] = await tx
        .insert(apiEvents)
        .values({
          orgId: ctx.orgId,
          sourceEventId: event.id,
          name: event.name,
          apiKeyId: ctx.actor.kind === "api_key" ? ctx.actor.id : null,
          contactId,
          status: "accepted",
          response,
          occurredAt,
          requestHash: hash,
        })
        .onConflictDoNothing()
        .returning({ id: apiEvents.id });
      // The same id arrived concurrently and committed first: undo ours, answer with theirs.
      if (!receipt) throw new AlreadyReceived();
      if (order && !(await recordOrder(tx, { orgId: ctx.orgId, contactId, apiEventId: receipt.id, occurredAt, order })))
        throw new AlreadyReceived();
      await emitEvent(tx, event.name, {
        orgId: ctx.orgId,
        contactId,
        sourceEventId: event.id,
        source: "api",
        properties,
      });
      await recordActivity(tx, {
        orgId: ctx.orgId,
        contactId,
        type: "api_event.received",
        ...actedBy(ctx.actor),
        subjectType: "api_event",
        subjectId: receipt.id,
        occurredAt,
        data: { name: event.name, eventId: event.id, properties },
      });
      return response;
    });
    return { httpStatus: 202, body };
  } catch (error) {
    if (!(error instanceof AlreadyReceived)) throw error;
    const first =
      (await firstResult(ctx.db, ctx.orgId, event.id, hash)) ??
      (order && (await firstOrderResult(ctx.db, ctx.orgId, order.orderId, event.id)));
    if (!first) throw new Error("An API event receipt vanished after a conflict");
    return { httpStatus: 200, body: first };
  }
}
