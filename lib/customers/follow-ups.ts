import "server-only";
import { and, asc, eq, isNull, lte } from "drizzle-orm";
import { contacts, followUps, organizations, users } from "@/db/schema";
import type { Ctx } from "../context";
import { NotFoundError, ValidationError } from "../errors";
import { requirePermission } from "../auth/permissions";
import { recordActivity } from "../activity/record";
import { followUpSchema } from "./activity.schema";
import { loadContact } from "./load";
import { assertTeammate } from "./contacts";
import { dueDateOf, endOfDayUtc, localDate } from "./dates";
import { z } from "zod";
import { actedBy, personOf, userIdOf } from "../actors";

export async function createFollowUp(ctx: Ctx, input: unknown) {
  requirePermission(ctx.actor, "customers:write");
  const d = followUpSchema.parse(input);
  const assigneeId = d.assigneeId || userIdOf(ctx.actor);
  if (!assigneeId) throw new ValidationError({ assigneeId: "Choose who the follow-up is for" });
  return ctx.db.transaction(async (tx) => {
    const c = await loadContact(tx, ctx.orgId, d.contactId);
    await assertTeammate(tx, ctx.orgId, assigneeId);
    const [task] = await tx
      .insert(followUps)
      .values({
        orgId: ctx.orgId,
        contactId: c.id,
        assigneeId,
        createdById: userIdOf(ctx.actor),
        title: d.title,
        dueAt: endOfDayUtc(d.dueDate),
      })
      .returning();
    await recordActivity(tx, {
      orgId: ctx.orgId,
      contactId: c.id,
      type: "follow_up.created",
      subjectType: "follow_up",
      subjectId: task!.id,
      ...actedBy(ctx.actor),
      data: { title: d.title, due: d.dueDate },
    });
    return task!;
  });
}

export async function completeFollowUp(ctx: Ctx, followUpId: unknown, now = new Date()) {
  requirePermission(ctx.actor, "customers:write");
  const id = z.uuid().safeParse(followUpId);
  if (!id.success) throw new NotFoundError("That follow-up");
  await ctx.db.transaction(async (tx) => {
    const [task] = await tx
      .select()
      .from(followUps)
      .where(and(eq(followUps.id, id.data), eq(followUps.orgId, ctx.orgId)))
      .for("update");
    if (!task) throw new NotFoundError("That follow-up");
    if (task.doneAt) return;
    await tx
      .update(followUps)
      .set({ doneAt: now, doneById: userIdOf(ctx.actor) })
      .where(and(eq(followUps.id, task.id), eq(followUps.orgId, ctx.orgId)));
    await recordActivity(tx, {
      orgId: ctx.orgId,
      contactId: task.contactId,
      type: "follow_up.completed",
      subjectType: "follow_up",
      subjectId: task.id,
      ...actedBy(ctx.actor),
      occurredAt: now,
      data: { title: task.title },
    });
  });
}

const taskColumns = {
  id: followUps.id,
  title: followUps.title,
  dueAt: followUps.dueAt,
  doneAt: followUps.doneAt,
  contactId: followUps.contactId,
  contactName: contacts.firstName,
  contactLastName: contacts.lastName,
  assigneeName: users.name,
};

/** The signed-in person's open follow-ups due by the end of today in the organisation's time zone (overdue first). */
export async function myFollowUps(ctx: Ctx, now = new Date()) {
  requirePermission(ctx.actor, "customers:read");
  const [org] = await ctx.db
    .select({ timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, ctx.orgId))
    .limit(1);
  const timeZone = org?.timeZone ?? "UTC";
  const today = localDate(now, timeZone);
  const rows = await ctx.db
    .select(taskColumns)
    .from(followUps)
    .innerJoin(contacts, and(eq(contacts.id, followUps.contactId), eq(contacts.orgId, ctx.orgId)))
    .innerJoin(users, eq(users.id, followUps.assigneeId))
    .where(
      and(
        eq(followUps.orgId, ctx.orgId),
        eq(followUps.assigneeId, personOf(ctx.actor).id),
        isNull(followUps.doneAt),
        lte(followUps.dueAt, endOfDayUtc(today)),
      ),
    )
    .orderBy(asc(followUps.dueAt))
    .limit(200);
  return {
    today,
    timeZone,
    overdue: rows.filter((r) => dueDateOf(r.dueAt) < today),
    dueToday: rows.filter((r) => dueDateOf(r.dueAt) === today),
  };
}

export async function contactFollowUps(ctx: Ctx, contactId: string) {
  requirePermission(ctx.actor, "customers:read");
  return ctx.db
    .select(taskColumns)
    .from(followUps)
    .innerJoin(contacts, and(eq(contacts.id, followUps.contactId), eq(contacts.orgId, ctx.orgId)))
    .innerJoin(users, eq(users.id, followUps.assigneeId))
    .where(and(eq(followUps.orgId, ctx.orgId), eq(followUps.contactId, contactId)))
    .orderBy(asc(followUps.doneAt), asc(followUps.dueAt))
    .limit(100);
}
