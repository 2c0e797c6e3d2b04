import { and, eq, lt, notInArray, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contacts } from "@/db/schema";
import { changeLifecycleStage } from "./lifecycle-change";
import { nextLifecycleStage, type LifecycleRules } from "./lifecycle-rules";
import { loadLifecycleRules } from "./lifecycle-settings";
import { systemActor } from "../actors";

const DAY = 86_400_000;

/**
 * Moves customers who stopped visiting to at risk / churned, each in its own transaction with its
 * timeline entry and events. Run daily per organisation (see inngest/functions/lifecycle-sweep.ts).
 */
export async function applyInactivityRules(db: Db, orgId: string, now = new Date(), batch = 500): Promise<number> {
  const rules: LifecycleRules = await loadLifecycleRules(db, orgId);
  const atRiskBefore = new Date(now.getTime() - rules.atRiskDays * DAY);
  const churnedBefore = new Date(now.getTime() - rules.churnedDays * DAY);
  let moved = 0;
  for (;;) {
    const due = await db
      .select({
        id: contacts.id,
        stage: contacts.lifecycleStage,
        totalVisits: contacts.totalVisits,
        totalSpentMinor: contacts.totalSpentMinor,
        lastVisitAt: contacts.lastVisitAt,
      })
      .from(contacts)
      .where(
        and(
          eq(contacts.orgId, orgId),
          or(
            and(lt(contacts.lastVisitAt, atRiskBefore), notInArray(contacts.lifecycleStage, ["at_risk", "churned"])),
            and(lt(contacts.lastVisitAt, churnedBefore), notInArray(contacts.lifecycleStage, ["churned"])),
          ),
        ),
      )
      .limit(batch);
    if (due.length === 0) return moved;
    for (const c of due) {
      const t = nextLifecycleStage({ ...c, stage: c.stage }, rules, now);
      if (!t) continue;
      const days = c.lastVisitAt ? Math.floor((now.getTime() - c.lastVisitAt.getTime()) / DAY) : null;
      await db.transaction((tx) =>
        changeLifecycleStage(tx, {
          orgId,
          contactId: c.id,
          from: c.stage,
          to: t.to,
          reason: t.reason,
          actor: systemActor("lifecycle_sweep"),
          daysSinceLastVisit: days,
        }),
      );
      moved++;
    }
    if (due.length < batch) return moved;
  }
}
