import { and, asc, eq, inArray } from "drizzle-orm";
import { campaignSegments, campaigns } from "@/db/schema";
import { registerSegmentUsage, type SegmentUsageFinder } from "../segments/usages";

/** Campaigns whose audience includes or excludes the segment (any status: their record keeps it). */
export const campaignsUsingSegment: SegmentUsageFinder = async (db, orgId, segmentId) =>
  (
    await db
      .selectDistinct({ id: campaigns.id, name: campaigns.name })
      .from(campaignSegments)
      .innerJoin(campaigns, and(eq(campaigns.id, campaignSegments.campaignId), eq(campaigns.orgId, orgId)))
      .where(and(eq(campaignSegments.orgId, orgId), inArray(campaignSegments.segmentId, [segmentId])))
      .orderBy(asc(campaigns.name))
  ).map((c) => ({ kind: "campaign", name: c.name, href: `/campaigns/${c.id}` }));

registerSegmentUsage(campaignsUsingSegment);
