import { and, asc, eq } from "drizzle-orm";
import { playbooks } from "@/db/schema";
import { registerSegmentUsage, type SegmentUsageFinder } from "../segments/usages";

/** Playbooks started by entering the segment: deleting it would silently stop them. */
export const playbooksUsingSegment: SegmentUsageFinder = async (db, orgId, segmentId) =>
  (
    await db
      .select({ id: playbooks.id, name: playbooks.name })
      .from(playbooks)
      .where(and(eq(playbooks.orgId, orgId), eq(playbooks.triggerSegmentId, segmentId)))
      .orderBy(asc(playbooks.name))
  ).map((p) => ({ kind: "playbook", name: p.name, href: `/playbooks/${p.id}` }));

registerSegmentUsage(playbooksUsingSegment);
