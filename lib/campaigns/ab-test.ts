import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { campaignRecipients, campaigns, organizations } from "@/db/schema";
import { rowsOf } from "@/db/rows";
import { AB_METRICS, type AbMetric } from "./constants";
import type { CampaignRow } from "./campaigns";
import { campaignOutcomes, type CampaignOutcomes } from "./outcomes";
import { dueAt, zoneOf } from "./schedule";
import { decideWinner, type WinnerDecision } from "./winner";

const HOUR_MS = 3_600_000;

/** A test is waiting for its decision: it has variants drawn and no variant chosen for the rest yet. */
export const awaitsDecision = (c: CampaignRow) => !!c.abTestPercent && !c.abDecidedAt;

/** When the test is judged: the chosen hours after the last test recipient was due (their local time, a deferral's end). */
export async function decisionTime(db: DbOrTx, c: CampaignRow): Promise<Date> {
  const [row] = rowsOf<{ last: string | Date | null }>(
    await db.execute(sql`
      select max(due_at) as last from ${campaignRecipients}
      where org_id = ${c.orgId}::uuid and campaign_id = ${c.id}::uuid and in_test`),
  );
  const last = row?.last ? new Date(row.last) : (c.startedAt ?? new Date(0));
  return new Date(+last + (c.abDecideAfterHours ?? 0) * HOUR_MS);
}

/** The test's verdict now: the winner, or the fallback and why (lib/campaigns/winner); `read`: outcomes already read as of `now`. */
export async function judgeTest(
  db: DbOrTx,
  c: CampaignRow,
  now: Date,
  read?: CampaignOutcomes,
): Promise<WinnerDecision> {
  const outcomes = read ?? (await campaignOutcomes(db, c, now));
  const tested = outcomes.variants.filter((v) => v.group === "test");
  const metric: AbMetric = c.abMetric && AB_METRICS.includes(c.abMetric) ? c.abMetric : "click_rate";
  const fallbackId = c.abFallbackVariant ?? "A";
  // A variant nobody received still takes part (with nothing), so "too few recipients" names it.
  const keys = rowsOf<{ variant: string }>(
    await db.execute(sql`
      select distinct variant from ${campaignRecipients}
      where org_id = ${c.orgId}::uuid and campaign_id = ${c.id}::uuid and in_test`),
  ).map((r) => r.variant);
  for (const key of new Set([...keys, fallbackId]))
    if (!tested.some((v) => v.id === key))
      tested.push({ id: key, group: "test", recipients: 0, clicks: 0, opens: 0, conversions: 0, revenueMinor: 0 });
  tested.sort((a, b) => a.id.localeCompare(b.id));
  return decideWinner(tested, { metric, fallbackId });
}

/**
 * Judges the test and gives the rest of the audience the chosen variant, in one transaction
 * that only the first caller completes (a retried step finds it decided). The rest are due at
 * their time as if sending started now: at once, or for a local-time send their next local
 * time (or at once, as the owner chose) when today's has passed.
 */
export async function decideTest(db: DbOrTx, c: CampaignRow, now: Date): Promise<void> {
  const verdict = await judgeTest(db, c, now);
  const chosen = verdict.decided ? verdict.winner : verdict.fallback;
  await db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(campaigns)
      .set({ abWinnerVariant: chosen, abDecisionReason: verdict.reason, abDecidedAt: now })
      .where(and(eq(campaigns.id, c.id), eq(campaigns.orgId, c.orgId), isNull(campaigns.abDecidedAt)))
      .returning({ id: campaigns.id });
    if (!claimed) return;
    const [org] = await tx
      .select({ timeZone: organizations.timeZone })
      .from(organizations)
      .where(eq(organizations.id, c.orgId));
    const rest = and(
      eq(campaignRecipients.orgId, c.orgId),
      eq(campaignRecipients.campaignId, c.id),
      isNull(campaignRecipients.variant),
      eq(campaignRecipients.holdout, false),
    );
    const zones = await tx.selectDistinct({ zone: campaignRecipients.zone }).from(campaignRecipients).where(rest);
    for (const { zone } of zones) {
      await tx
        .update(campaignRecipients)
        .set({ variant: chosen, dueAt: dueAt(c, zoneOf(zone, org!.timeZone), now) })
        .where(and(rest, eq(campaignRecipients.zone, zone)));
    }
  });
}
