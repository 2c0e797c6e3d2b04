import { LIFECYCLE_STAGES, type LifecycleStage } from "@/lib/customers/lifecycle";

/** How the customers in each stage changed during one bucket (or "after", past the range's end). */
export type StageEffect = { bucket: string; stage: string; n: number };
export type StageBucket = { bucket: string } & Record<LifecycleStage, number>;

/**
 * Customers per lifecycle stage at the end of each bucket, replayed backwards from today's counts:
 * the count at a bucket's end is the count after it minus what changed after it (stage changes in
 * and out, customers added). History goes as far back as stage changes were recorded.
 */
export function stagesOverTime(
  bucketKeys: string[],
  current: { stage: string; n: number }[],
  effects: StageEffect[],
): StageBucket[] {
  const counts = new Map<string, number>(LIFECYCLE_STAGES.map((s) => [s, 0]));
  for (const c of current) counts.set(c.stage, (counts.get(c.stage) ?? 0) + c.n);
  const byBucket = new Map<string, StageEffect[]>();
  for (const e of effects) byBucket.set(e.bucket, [...(byBucket.get(e.bucket) ?? []), e]);
  const undo = (bucket: string) => {
    for (const e of byBucket.get(bucket) ?? []) counts.set(e.stage, (counts.get(e.stage) ?? 0) - e.n);
  };
  undo("after");
  const out: StageBucket[] = [];
  for (let i = bucketKeys.length - 1; i >= 0; i--) {
    const bucket = bucketKeys[i]!;
    const row = { bucket } as StageBucket;
    for (const s of LIFECYCLE_STAGES) row[s] = Math.max(0, counts.get(s) ?? 0);
    out.push(row);
    undo(bucket);
  }
  return out.reverse();
}
