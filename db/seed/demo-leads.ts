import { eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { contacts, leads, leadStageHistory } from "../schema";
import { LEAD_SOURCES } from "@/lib/leads/constants";
import { ensurePipeline, loadPipeline } from "@/lib/leads/pipeline";
import { initialRanks } from "@/lib/leads/rank";
import { computeScore } from "@/lib/leads/scoring";
import { pick, pickWeighted, seededRandom } from "./random";

export const DEMO_LEAD_COUNT = 240;
const DAY = 86_400_000;
const PRODUCTS = [
  "Espresso machine",
  "POS upgrade",
  "Annual plan",
  "Loyalty program",
  "Booking system",
  "Website refresh",
  "Catering contract",
  "Staff training",
  "Gift cards",
  "Bulk order",
] as const;
const INDUSTRIES = ["Retail", "Hospitality", "Health", "Fitness", "Beauty", "Services"] as const;
const TITLES = ["Owner", "Founder", "Manager", "Office Manager", "Buyer", "Director"] as const;
// New and MQL are crowded, Won and Lost hold the history: a believable funnel.
const STAGE_WEIGHTS = [30, 22, 16, 12, 10, 10];

/**
 * The demo pipeline: a few hundred leads across the default stages, owned by the given people (and
 * some unassigned), linked to existing demo contacts where there are some. Deterministic per seed.
 */
export async function insertDemoLeads(
  db: DbOrTx,
  orgId: string,
  count: number,
  options: { seed?: number; ownerIds: string[]; now?: number; withHistory?: boolean },
) {
  const random = seededRandom(options.seed ?? 6_2026);
  const now = options.now ?? Date.now();
  await ensurePipeline(db, orgId);
  const pipeline = await loadPipeline(db, orgId);
  const contactRows = await db
    .select({ id: contacts.id, company: contacts.company })
    .from(contacts)
    .where(eq(contacts.orgId, orgId))
    .orderBy(contacts.createdAt, contacts.id)
    .limit(count);
  const stageIndexes = Array.from({ length: count }, () =>
    pickWeighted(
      random,
      STAGE_WEIGHTS.map((w, i) => [i, w] as const),
    ),
  );
  const ranks = pipeline.stages.map((_, i) => initialRanks(stageIndexes.filter((s) => s === i).length, random));
  const used = pipeline.stages.map(() => 0);
  const rows = stageIndexes.map((si, i) => {
    const stage = pipeline.stages[si]!;
    const contact = contactRows[i];
    const owners = [...options.ownerIds, null];
    const lead = {
      companySize: pick(random, [2, 5, 8, 12, 25, 40, 60, 120]),
      industry: pick(random, INDUSTRIES),
      jobTitle: pick(random, TITLES),
      source: pick(random, LEAD_SOURCES),
      manualAdjustment: random() < 0.1 ? 10 : 0,
      manualReason: null as string | null,
    };
    if (lead.manualAdjustment) lead.manualReason = "Warm introduction";
    const breakdown = computeScore({
      lead,
      rules: pipeline.fitRules,
      weights: pipeline.scoreWeights,
      engagement: [],
      now: new Date(now),
    });
    const enteredDaysAgo = Math.floor(random() * 30);
    return {
      orgId,
      pipelineId: pipeline.id,
      stageId: stage.id,
      title: `${pick(random, PRODUCTS)} — ${contact?.company ?? `Prospect ${i + 1}`}`,
      contactId: contact?.id ?? null,
      company: contact?.company ?? `Prospect ${i + 1}`,
      ...lead,
      value: Math.round(200 + random() * 19_800) * 100,
      ownerId: owners[Math.floor(random() * owners.length)] ?? null,
      expectedCloseDate: new Date(now + Math.floor(random() * 90) * DAY).toISOString().slice(0, 10),
      score: breakdown.score,
      scoreBreakdown: breakdown,
      status: stage.kind,
      lostReason: stage.kind === "lost" ? pick(random, ["Went with a competitor", "No budget", "Timing"]) : null,
      rank: ranks[si]![used[si]!++]!,
      stageEnteredAt: new Date(now - enteredDaysAgo * DAY),
      createdAt: new Date(now - (enteredDaysAgo + Math.floor(random() * 60)) * DAY),
    };
  });
  for (let i = 0; i < rows.length; i += 1000) {
    const inserted = await db
      .insert(leads)
      .values(rows.slice(i, i + 1000))
      .returning({ id: leads.id, stageId: leads.stageId, enteredAt: leads.stageEnteredAt });
    if (options.withHistory === false) continue;
    const first = pipeline.stages[0]!.id;
    const history = inserted
      .filter((r) => r.stageId !== first)
      .map((r) => ({
        orgId,
        leadId: r.id,
        fromStageId: first,
        toStageId: r.stageId,
        actorId: null,
        movedAt: r.enteredAt,
      }));
    if (history.length) await db.insert(leadStageHistory).values(history);
  }
}
