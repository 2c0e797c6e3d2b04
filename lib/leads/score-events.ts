import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { leads } from "@/db/schema";
import { EVENT_SCHEMAS } from "../events/catalog";
import { loadPipeline } from "./pipeline";
import { recomputeLeadScore } from "./score-service";

export const SCORE_TRIGGER_EVENTS = ["crm/lead.score_inputs_changed", "crm/contact.engaged"] as const;
type TriggerName = (typeof SCORE_TRIGGER_EVENTS)[number];

/**
 * What the Inngest function does for one event: recompute the scores it may have changed — one
 * lead, a contact's open leads, or (rules changed) every open lead of the organisation.
 * Each lead is its own transaction, so a retry redoes only what did not commit.
 */
export async function recomputeScoresForEvent(db: DbOrTx, name: TriggerName, raw: unknown): Promise<number> {
  const data = EVENT_SCHEMAS[name].parse(raw) as { orgId: string; leadId?: string; contactId?: string };
  const where = [eq(leads.orgId, data.orgId), eq(leads.status, "open")];
  if (data.leadId) where.push(eq(leads.id, data.leadId));
  if (data.contactId) where.push(eq(leads.contactId, data.contactId));
  const targets = await db
    .select({ id: leads.id })
    .from(leads)
    .where(and(...where));
  if (!targets.length) return 0;
  const pipeline = await loadPipeline(db, data.orgId);
  for (const t of targets) {
    await db.transaction((tx) => recomputeLeadScore(tx, data.orgId, t.id, { pipeline }).then(() => undefined));
  }
  return targets.length;
}
