/** Shared by the schema, zod and the UI: no database or React imports here. */
export const LEAD_STATUSES = ["open", "won", "lost"] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const STAGE_KINDS = ["open", "won", "lost"] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/** Fields a stage may require on entry. */
export const REQUIRABLE_FIELDS = ["value", "lostReason", "expectedCloseDate", "contactId"] as const;
export type RequirableField = (typeof REQUIRABLE_FIELDS)[number];
export const REQUIRABLE_FIELD_LABELS: Record<RequirableField, string> = {
  value: "Value",
  lostReason: "Lost reason",
  expectedCloseDate: "Expected close date",
  contactId: "Contact",
};

/**
 * Why leads are lost: each organisation keeps its own list (pipeline settings), so reasons can be
 * counted; "Other" is always offered last and asks for a note.
 */
export const DEFAULT_LOST_REASONS = [
  "Went with a competitor",
  "No budget",
  "Timing",
  "No response",
  "Not a fit",
] as const;
export const OTHER_LOST_REASON = "Other";

export const LEAD_SOURCES = ["website", "referral", "event", "cold_outreach", "partner", "ads", "other"] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];
export const LEAD_SOURCE_LABELS: Record<LeadSource, string> = {
  website: "Website",
  referral: "Referral",
  event: "Event",
  cold_outreach: "Cold outreach",
  partner: "Partner",
  ads: "Ads",
  other: "Other",
};

export type DefaultStage = {
  name: string;
  kind: StageKind;
  probability: number;
  rottingDays: number | null;
  requiredFields: RequirableField[];
};
export const DEFAULT_STAGES: readonly DefaultStage[] = [
  { name: "New", kind: "open", probability: 5, rottingDays: 7, requiredFields: [] },
  { name: "MQL", kind: "open", probability: 15, rottingDays: 14, requiredFields: [] },
  { name: "SQL", kind: "open", probability: 35, rottingDays: 14, requiredFields: [] },
  { name: "Opportunity", kind: "open", probability: 60, rottingDays: 21, requiredFields: ["value"] },
  { name: "Won", kind: "won", probability: 100, rottingDays: null, requiredFields: ["value"] },
  { name: "Lost", kind: "lost", probability: 0, rottingDays: null, requiredFields: ["lostReason"] },
];

export const BOARD_PAGE_SIZE = 20;
