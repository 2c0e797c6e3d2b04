import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { apiEvents } from "@/db/schema";
import { recordActivity } from "../activity/record";
import { emitEvent } from "../events/emit";
import { apiEventSchema } from "./event.schema";
import { resolveApiContact } from "./resolve-contact";
import { actedBy } from "../actors";
import { requirePermission } from "../auth/permissions";
import type { Ctx } from "../context";

export type IngestResponse = { id: string; contactId: string; status: "accepted"; contactCreated: boolean };
export type IngestResult = { httpStatus: 200 | 202; body: IngestResponse };

class AlreadyReceived extends Error {}

async function firstResult(db: DbOrTx, orgId: string, sourceEventId: string): Promise<IngestResponse | null> {
  const [row] = await db
    .select({ response: apiEvents.response })
    .from(apiEvents)
    .where(and(eq(apiEvents.orgId, orgId), eq(apiEvents.sourceEventId, sourceEventId)))
    .limit(1);
  return (row?.response as IngestResponse | undefined) ?? null;
}

/**
 * Records a business event from another system: the receipt (idempotent on the caller's id per
 * organisation), the customer (found or created), the timeline entry and the event playbooks
 * listen to all commit together. A repeat answers with the first result and emits nothing.
 */
export async function ingestApiEvent(ctx: Ctx, input: unknown): Promise<IngestResult> {
  requirePermission(ctx.actor, "customers:write");
  const event = apiEventSchema.parse(input);
  const earlier = await firstResult(ctx.db, ctx.orgId, event.id);
  if (earlier) return { httpStatus: 200, body: earlier };
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
        })
        .onConflictDoNothing()
        .returning({ id: apiEvents.id });
      // The same id arrived concurrently and committed first: undo ours, answer with theirs.
      if (!receipt) throw new AlreadyReceived();
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
    const first = await firstResult(ctx.db, ctx.orgId, event.id);
    if (!first) throw new Error("An API event receipt vanished after a conflict");
    return { httpStatus: 200, body: first };
  }
}
