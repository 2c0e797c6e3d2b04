import type { LifecycleStage } from "./lifecycle";

/** The thresholds an owner tunes. Defaults follow the issue: 90 days → at risk, 180 → churned. */
export type LifecycleRules = { vipThresholdMinor: number; atRiskDays: number; churnedDays: number };
export const DEFAULT_LIFECYCLE_RULES: LifecycleRules = { vipThresholdMinor: 100_000, atRiskDays: 90, churnedDays: 180 };

export type LifecycleFacts = {
  stage: LifecycleStage;
  totalVisits: number;
  totalSpentMinor: number;
  lastVisitAt: Date | null;
};
export type Transition = { to: LifecycleStage; reason: string };

const DAY = 86_400_000;

/** The stage a customer's facts call for, or null when the current stage stands. Pure. */
export function nextLifecycleStage(facts: LifecycleFacts, rules: LifecycleRules, now: Date): Transition | null {
  const days = facts.lastVisitAt ? Math.floor((now.getTime() - facts.lastVisitAt.getTime()) / DAY) : null;
  if (days !== null && days >= rules.churnedDays) {
    return facts.stage === "churned" ? null : { to: "churned", reason: `No visit for ${days} days` };
  }
  if (days !== null && days >= rules.atRiskDays) {
    return facts.stage === "at_risk" || facts.stage === "churned"
      ? null
      : { to: "at_risk", reason: `No visit for ${days} days` };
  }
  if (facts.totalSpentMinor >= rules.vipThresholdMinor && facts.stage !== "vip") {
    return { to: "vip", reason: "Total spent passed the VIP threshold" };
  }
  if (facts.totalVisits > 0 && facts.stage !== "active" && facts.stage !== "vip") {
    return { to: "active", reason: facts.stage === "lead" ? "First visit" : "Visited again" };
  }
  return null;
}

/** Recency, frequency and monetary scores (1–5 each) with the reasons, for the profile. */
export function engagementScore(
  facts: { totalVisits: number; totalSpentMinor: number; lastVisitAt: Date | null },
  now: Date,
) {
  const days = facts.lastVisitAt ? (now.getTime() - facts.lastVisitAt.getTime()) / DAY : null;
  const recency = days === null ? 1 : days <= 14 ? 5 : days <= 30 ? 4 : days <= 90 ? 3 : days <= 180 ? 2 : 1;
  const frequency =
    facts.totalVisits >= 20
      ? 5
      : facts.totalVisits >= 10
        ? 4
        : facts.totalVisits >= 5
          ? 3
          : facts.totalVisits >= 1
            ? 2
            : 1;
  const spent = facts.totalSpentMinor / 100;
  const monetary = spent >= 2000 ? 5 : spent >= 1000 ? 4 : spent >= 250 ? 3 : spent > 0 ? 2 : 1;
  const reasons = [
    days === null ? "Recency 1/5: never visited" : `Recency ${recency}/5: last visit ${Math.floor(days)} days ago`,
    `Frequency ${frequency}/5: ${facts.totalVisits} visit${facts.totalVisits === 1 ? "" : "s"}`,
    `Monetary ${monetary}/5: ${spent.toFixed(2)} spent`,
  ];
  return { score: recency + frequency + monetary, max: 15, reasons };
}
