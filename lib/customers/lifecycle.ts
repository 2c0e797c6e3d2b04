export const LIFECYCLE_STAGES = ["lead", "active", "vip", "at_risk", "churned"] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export const LIFECYCLE_LABELS: Record<LifecycleStage, string> = {
  lead: "Lead",
  active: "Active",
  vip: "VIP",
  at_risk: "At risk",
  churned: "Churned",
};
