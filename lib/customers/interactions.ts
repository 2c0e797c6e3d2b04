import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { contacts, followUps, interactions } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import { recordActivity } from "../activity/record";
import { emitEvent } from "../events/emit";
import { interactionSchema, toMinorUnits } from "./activity.schema";
import { INTERACTION_LABELS } from "./constants";
import { loadContact } from "./load";
import { changeLifecycleStage } from "./lifecycle-change";
import { nextLifecycleStage } from "./lifecycle-rules";
import { loadLifecycleRules } from "./lifecycle-settings";
import { endOfDayUtc } from "./dates";
import { actedBy, userIdOf } from "../actors";

/**
 * Logs an interaction handled by the current user. A visit or purchase updates the metrics and
 * may move the lifecycle stage, all in one transaction; a follow-up creates a task.
 */
export async function logInteraction(ctx: Ctx, input: unknown, now = new Date()) {
  requirePermission(ctx.actor, "customers:write");
  const d = interactionSchema.parse(input);
  const amountMinor = d.amount ? toMinorUnits(d.amount) : null;
  return ctx.db.transaction(async (tx) => {
    const c = await loadContact(tx, ctx.orgId, d.contactId, true);
    const [row] = await tx
      .insert(interactions)
      .values({
        orgId: ctx.orgId,
        contactId: c.id,
        type: d.type,
        channel: d.channel || null,
        direction: d.direction,
        subject: d.subject,
        notes: d.notes,
        durationMinutes: d.durationMinutes === "" ? null : d.durationMinutes,
        outcome: d.outcome || null,
        amountMinor,
        userId: userIdOf(ctx.actor),
        occurredAt: now,
      })
      .returning();
    await recordActivity(tx, {
      orgId: ctx.orgId,
      contactId: c.id,
      type: "interaction.logged",
      subjectType: "interaction",
      subjectId: row!.id,
      ...actedBy(ctx.actor),
      occurredAt: now,
      data: {
        kind: d.type,
        label: INTERACTION_LABELS[d.type],
        direction: d.direction,
        subject: d.subject,
        notes: d.notes,
        outcome: d.outcome,
        durationMinutes: row!.durationMinutes,
        amountMinor,
        channel: d.channel,
      },
    });
    // Lead scores weigh recent interactions: their recompute listens for this.
    await emitEvent(tx, "crm/contact.engaged", { orgId: ctx.orgId, contactId: c.id, type: "interaction.logged" });

    const counts = d.type === "visit" || d.type === "purchase";
    if (counts || c.lastSeenAt === null || c.lastSeenAt < now) {
      await tx
        .update(contacts)
        .set({
          lastSeenAt: now,
          ...(counts
            ? {
                totalVisits: sql`${contacts.totalVisits} + 1`,
                totalSpentMinor: sql`${contacts.totalSpentMinor} + ${amountMinor ?? 0}`,
                firstVisitAt: sql`coalesce(${contacts.firstVisitAt}, ${now.toISOString()}::timestamptz)`,
                lastVisitAt: now,
              }
            : {}),
          updatedAt: now,
        })
        .where(and(eq(contacts.id, c.id), eq(contacts.orgId, ctx.orgId)));
    }
    if (counts) {
      const facts = {
        stage: c.lifecycleStage,
        totalVisits: c.totalVisits + 1,
        totalSpentMinor: c.totalSpentMinor + (amountMinor ?? 0),
        lastVisitAt: now,
      };
      const t = nextLifecycleStage(facts, await loadLifecycleRules(tx, ctx.orgId), now);
      if (t)
        await changeLifecycleStage(tx, {
          orgId: ctx.orgId,
          contactId: c.id,
          from: c.lifecycleStage,
          to: t.to,
          reason: t.reason,
          actor: ctx.actor,
        });
    }

    let followUpId: string | null = null;
    const assigneeId = userIdOf(ctx.actor);
    if (d.followUpRequired && d.followUpDate && assigneeId) {
      const title = d.followUpTitle || `Follow up: ${d.subject || INTERACTION_LABELS[d.type].toLowerCase()}`;
      const [task] = await tx
        .insert(followUps)
        .values({
          orgId: ctx.orgId,
          contactId: c.id,
          interactionId: row!.id,
          assigneeId,
          createdById: assigneeId,
          title,
          dueAt: endOfDayUtc(d.followUpDate),
        })
        .returning({ id: followUps.id });
      followUpId = task!.id;
      await recordActivity(tx, {
        orgId: ctx.orgId,
        contactId: c.id,
        type: "follow_up.created",
        subjectType: "follow_up",
        subjectId: followUpId,
        ...actedBy(ctx.actor),
        occurredAt: now,
        data: { title, due: d.followUpDate },
      });
    }
    return { interactionId: row!.id, followUpId };
  });
}
