import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { contacts } from "@/db/schema";
import { recordActivity } from "../activity/record";
import { emitEvent } from "../events/emit";
import type { LifecycleStage } from "./lifecycle";
import { actedBy, userIdOf } from "../actors";
import type { Actor, RequestMeta } from "../context";
import { recordAudit } from "../audit/record";

/**
 * Moves a contact to another stage, with its timeline entry and events, in the caller's
 * transaction. `crm/contact.inactive` accompanies moves to at risk or churned.
 */
export async function changeLifecycleStage(
  tx: DbOrTx,
  args: {
    orgId: string;
    contactId: string;
    from: LifecycleStage;
    to: LifecycleStage;
    reason: string;
    actor: Actor;
    daysSinceLastVisit?: number | null;
    request?: RequestMeta;
  },
) {
  if (args.from === args.to) return;
  await tx
    .update(contacts)
    .set({ lifecycleStage: args.to, updatedAt: new Date() })
    .where(and(eq(contacts.id, args.contactId), eq(contacts.orgId, args.orgId)));
  await recordActivity(tx, {
    orgId: args.orgId,
    contactId: args.contactId,
    type: "lifecycle.changed",
    ...actedBy(args.actor),
    data: { from: args.from, to: args.to, reason: args.reason },
  });
  await recordAudit(
    tx,
    { orgId: args.orgId, actor: args.actor, db: tx, request: args.request },
    {
      action: "customer.lifecycle_changed",
      target: { id: args.contactId },
      before: { lifecycleStage: args.from },
      after: { lifecycleStage: args.to },
      data: { reason: args.reason },
    },
  );
  await emitEvent(tx, "crm/contact.lifecycle_changed", {
    orgId: args.orgId,
    contactId: args.contactId,
    from: args.from,
    to: args.to,
    reason: args.reason,
    actorId: userIdOf(args.actor),
  });
  if (args.to === "at_risk" || args.to === "churned") {
    await emitEvent(tx, "crm/contact.inactive", {
      orgId: args.orgId,
      contactId: args.contactId,
      stage: args.to,
      daysSinceLastVisit: args.daysSinceLastVisit ?? null,
    });
  }
}
