import type { DbOrTx } from "@/db/client";

/** Something that uses a segment (a playbook's trigger or entry rule, a campaign's audience). */
export type SegmentUsage = { kind: string; name: string; href?: string };
export type SegmentUsageFinder = (db: DbOrTx, orgId: string, segmentId: string) => Promise<SegmentUsage[]>;

/**
 * Domains that reference segments add a finder here (playbooks, campaigns), so a segment in use
 * cannot be deleted from under them. Each registers in its own module, listed in usage-sources.ts.
 */
const finders: SegmentUsageFinder[] = [];

export function registerSegmentUsage(finder: SegmentUsageFinder): () => void {
  finders.push(finder);
  return () => {
    const i = finders.indexOf(finder);
    if (i >= 0) finders.splice(i, 1);
  };
}

export async function segmentUsages(db: DbOrTx, orgId: string, segmentId: string): Promise<SegmentUsage[]> {
  return (await Promise.all(finders.map((find) => find(db, orgId, segmentId)))).flat();
}
