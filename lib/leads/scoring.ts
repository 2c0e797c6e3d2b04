/**
 * Lead scoring, pure: fit rules (points for field values), engagement with recency decay, and a
 * manual adjustment, combined into 0–100 with owner-set weights. Every point is accounted for in
 * the breakdown, which is what the panel's "Why 78?" lists.
 */
export const FIT_FIELDS = ["companySize", "industry", "jobTitle", "source"] as const;
export type FitField = (typeof FIT_FIELDS)[number];
export const FIT_OPS = ["equals", "contains", "atLeast", "atMost"] as const;
export type FitOp = (typeof FIT_OPS)[number];

export type FitRule = { field: FitField; op: FitOp; value: string; points: number };
export type ScoreWeights = { fit: number; engagement: number };

/** Points per timeline entry type, before decay. Types come from the shared timeline. */
export const ENGAGEMENT_POINTS: Record<string, number> = {
  "email.opened": 3,
  "email.clicked": 8,
  "interaction.logged": 10,
  "event.received": 5,
};
export const ENGAGEMENT_HALF_LIFE_DAYS = 14;

export type ScoreFactor = { kind: "fit" | "engagement" | "manual"; label: string; points: number };
export type ScoreBreakdown = {
  score: number;
  fit: number;
  engagement: number;
  factors: ScoreFactor[];
  computedAt: string;
};

export type ScoreInput = {
  lead: {
    companySize: number | null;
    industry: string | null;
    jobTitle: string | null;
    source: string | null;
    manualAdjustment: number;
    manualReason: string | null;
  };
  rules: FitRule[];
  weights: ScoreWeights;
  engagement: { type: string; occurredAt: Date }[];
  now: Date;
};

const DAY = 86_400_000;
const clamp = (n: number, lo = 0, hi = 100) => Math.min(hi, Math.max(lo, n));
const round1 = (n: number) => Math.round(n * 10) / 10;

export function ruleMatches(rule: FitRule, lead: ScoreInput["lead"]): boolean {
  const actual = lead[rule.field];
  if (actual === null || actual === undefined || actual === "") return false;
  const text = String(actual).toLowerCase();
  const expected = rule.value.trim().toLowerCase();
  switch (rule.op) {
    case "equals":
      return text === expected;
    case "contains":
      return expected !== "" && text.includes(expected);
    case "atLeast":
      return Number(actual) >= Number(rule.value);
    case "atMost":
      return Number(actual) <= Number(rule.value);
  }
}

export function decayFactor(occurredAt: Date, now: Date, halfLifeDays = ENGAGEMENT_HALF_LIFE_DAYS): number {
  const ageDays = Math.max(0, (now.getTime() - occurredAt.getTime()) / DAY);
  return 0.5 ** (ageDays / halfLifeDays);
}

export function computeScore(input: ScoreInput): ScoreBreakdown {
  const { lead, rules, weights, engagement, now } = input;
  const totalWeight = Math.max(1, weights.fit + weights.engagement);
  const wFit = weights.fit / totalWeight;
  const wEng = weights.engagement / totalWeight;

  const matched = rules.filter((r) => ruleMatches(r, lead));
  const fitRaw = matched.reduce((s, r) => s + r.points, 0);
  const fit = clamp(fitRaw);
  // Scale each rule's share so the listed factors add up to the weighted fit points.
  const fitScale = fitRaw === 0 ? 0 : (fit / fitRaw) * wFit;

  const byType = new Map<string, { count: number; points: number }>();
  for (const e of engagement) {
    const base = ENGAGEMENT_POINTS[e.type];
    if (!base) continue;
    const entry = byType.get(e.type) ?? { count: 0, points: 0 };
    entry.count += 1;
    entry.points += base * decayFactor(e.occurredAt, now);
    byType.set(e.type, entry);
  }
  const engRaw = [...byType.values()].reduce((s, e) => s + e.points, 0);
  const eng = clamp(engRaw);
  const engScale = engRaw === 0 ? 0 : (eng / engRaw) * wEng;

  const factors: ScoreFactor[] = [
    ...matched.map((r) => ({ kind: "fit" as const, label: describeRule(r), points: round1(r.points * fitScale) })),
    ...[...byType.entries()].map(([type, e]) => ({
      kind: "engagement" as const,
      label: `${e.count} × ${type} (decayed, half-life ${ENGAGEMENT_HALF_LIFE_DAYS} days)`,
      points: round1(e.points * engScale),
    })),
  ];
  if (lead.manualAdjustment) {
    factors.push({
      kind: "manual",
      label: `Manual adjustment${lead.manualReason ? `: ${lead.manualReason}` : ""}`,
      points: lead.manualAdjustment,
    });
  }
  const score = Math.round(clamp(fit * wFit + eng * wEng + lead.manualAdjustment));
  return { score, fit: round1(fit), engagement: round1(eng), factors, computedAt: now.toISOString() };
}

const FIELD_LABELS: Record<FitField, string> = {
  companySize: "Company size",
  industry: "Industry",
  jobTitle: "Job title",
  source: "Source",
};
const OP_LABELS: Record<FitOp, string> = { equals: "is", contains: "contains", atLeast: "≥", atMost: "≤" };

export function describeRule(rule: FitRule): string {
  return `${FIELD_LABELS[rule.field]} ${OP_LABELS[rule.op]} ${rule.value}`;
}

export const DEFAULT_FIT_RULES: FitRule[] = [
  { field: "companySize", op: "atLeast", value: "50", points: 40 },
  { field: "companySize", op: "atLeast", value: "10", points: 20 },
  { field: "industry", op: "equals", value: "Retail", points: 20 },
  { field: "industry", op: "equals", value: "Hospitality", points: 15 },
  { field: "jobTitle", op: "contains", value: "owner", points: 25 },
  { field: "jobTitle", op: "contains", value: "founder", points: 25 },
  { field: "source", op: "equals", value: "referral", points: 20 },
];
export const DEFAULT_WEIGHTS: ScoreWeights = { fit: 60, engagement: 40 };
