import "server-only";
import { and, desc, eq, like, sql } from "drizzle-orm";
import { activities, users } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import { loadContact } from "./load";
import { visibleActivities } from "./notes";
import { decodeCursor, encodeCursor } from "./cursor";
import { userIdOf } from "../actors";

/** Type filters are namespaces: "interaction" matches "interaction.logged", and other domains' types work the same. */
export const TIMELINE_FILTERS = [
  { value: "interaction", label: "Interactions" },
  { value: "note", label: "Notes" },
  { value: "follow_up", label: "Follow-ups" },
  { value: "tag", label: "Tags" },
  { value: "lifecycle", label: "Lifecycle" },
  { value: "consent", label: "Consent" },
  { value: "lead", label: "Leads" },
  { value: "email", label: "Emails" },
  { value: "playbook", label: "Playbooks" },
] as const;

export type TimelineEntry = {
  id: string;
  type: string;
  data: Record<string, unknown>;
  occurredAt: Date;
  actorName: string | null;
  isPrivate: boolean;
  subjectType: string | null;
  subjectId: string | null;
  actorId: string | null;
};

export async function contactTimeline(
  ctx: Ctx,
  contactId: unknown,
  options: { type?: string; cursor?: string; limit?: number } = {},
) {
  requirePermission(ctx.actor, "customers:read");
  const contact = await loadContact(ctx.db, ctx.orgId, contactId);
  const limit = Math.min(options.limit ?? 25, 100);
  const after = decodeCursor(options.cursor);
  const typeFilter =
    options.type && /^[a-z_]+$/.test(options.type) ? like(activities.type, `${options.type}.%`) : undefined;
  const rows = await ctx.db
    .select({
      id: activities.id,
      type: activities.type,
      data: activities.data,
      occurredAt: activities.occurredAt,
      // A teammate by name (as it is now); otherwise who acted as recorded ("Playbook Win-back (run 1a2b3c)").
      actorName: sql<string | null>`coalesce(${users.name}, ${activities.actorLabel})`,
      actorId: activities.actorId,
      subjectType: activities.subjectType,
      subjectId: activities.subjectId,
      privateTo: activities.privateToUserId,
    })
    .from(activities)
    .leftJoin(users, eq(users.id, activities.actorId))
    .where(
      and(
        eq(activities.orgId, ctx.orgId),
        eq(activities.contactId, contact.id),
        visibleActivities(userIdOf(ctx.actor)),
        typeFilter,
        after
          ? sql`(${activities.occurredAt}, ${activities.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(activities.occurredAt), desc(activities.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    entries: page.map(({ privateTo, ...r }): TimelineEntry => ({ ...r, isPrivate: privateTo !== null })),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.occurredAt.toISOString(), id: last.id }) : null,
  };
}
