import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { segments } from "@/db/schema";
import { ValidationError } from "../errors";

/** The segment a trigger names must be one of this organisation's. */
export async function assertTriggerSegment(db: DbOrTx, orgId: string, segmentId: string | null) {
  if (!segmentId) return;
  const [seg] = await db
    .select({ id: segments.id })
    .from(segments)
    .where(and(eq(segments.id, segmentId), eq(segments.orgId, orgId)))
    .limit(1);
  if (!seg) throw new ValidationError({ triggerSegmentId: "Choose a segment from the list" });
}
