import { and, eq, lt, or, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { segments } from "@/db/schema";
import type { EventName } from "@/lib/events/catalog";
import { conditionsOf } from "./criteria.schema";
import { refreshSegment } from "./membership";
import { getField } from "./registry";

/** Whether any field the segment uses is refreshed by this event. */
export function dependsOnEvent(criteria: NonNullable<typeof segments.$inferSelect.criteria>, event: string): boolean {
  return conditionsOf(criteria).some((c) =>
    (getField(c.field)?.dependsOn as readonly string[] | undefined)?.includes(event),
  );
}

/**
 * Refreshes an organisation's dynamic segments that depend on `event` and were last refreshed
 * before `since` (when the change happened). A burst of events queues several runs; the first
 * refreshes everything and the rest find nothing older than their event, so they cost one query.
 */
export async function refreshForEvent(
  db: DbOrTx,
  orgId: string,
  event: EventName | string,
  since: Date,
  now = new Date(),
) {
  const due = await db
    .select({ id: segments.id, criteria: segments.criteria })
    .from(segments)
    .where(
      and(
        eq(segments.orgId, orgId),
        eq(segments.kind, "dynamic"),
        or(isNull(segments.refreshedAt), lt(segments.refreshedAt, since)),
      ),
    );
  let refreshed = 0;
  for (const seg of due) {
    if (!seg.criteria || !dependsOnEvent(seg.criteria, event)) continue;
    await refreshSegment(db, orgId, seg.id, now);
    refreshed++;
  }
  return refreshed;
}

/** The scheduled pass: every dynamic segment (or only the time-relative ones) of one organisation. */
export async function refreshOrgSegments(
  db: DbOrTx,
  orgId: string,
  options: { onlyTimeRelative?: boolean } = {},
  now = new Date(),
) {
  const rows = await db
    .select({ id: segments.id })
    .from(segments)
    .where(
      and(
        eq(segments.orgId, orgId),
        eq(segments.kind, "dynamic"),
        options.onlyTimeRelative ? eq(segments.timeRelative, true) : undefined,
      ),
    );
  let changed = 0;
  for (const seg of rows) {
    const r = await refreshSegment(db, orgId, seg.id, now);
    changed += r ? r.entered + r.exited : 0;
  }
  return { segments: rows.length, changed };
}
