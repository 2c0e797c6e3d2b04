/** Client-safe lists for campaigns: statuses, schedule modes and the recipient states. */
export const CAMPAIGN_STATUSES = ["draft", "scheduled", "sending", "paused", "sent", "cancelled"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  draft: "Draft",
  scheduled: "Scheduled",
  sending: "Sending",
  paused: "Paused",
  sent: "Sent",
  cancelled: "Cancelled",
};

export const SCHEDULE_MODES = ["now", "at", "local_time"] as const;
export type ScheduleMode = (typeof SCHEDULE_MODES)[number];

/** local_time: what happens to customers whose local time has already passed when sending starts. */
export const PASSED_POLICIES = ["next_day", "at_once"] as const;
export type PassedPolicy = (typeof PASSED_POLICIES)[number];

export const RECIPIENT_STATUSES = ["queued", "sent", "deferred", "suppressed", "failed", "cancelled"] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

export const AB_METRICS = ["click_rate", "conversion_rate", "revenue_per_recipient"] as const;
export type AbMetric = (typeof AB_METRICS)[number];

export const AB_METRIC_LABELS: Record<AbMetric, string> = {
  click_rate: "Click rate",
  conversion_rate: "Conversion rate",
  revenue_per_recipient: "Revenue per recipient",
};

/** A/B variants are named by letter: A is the campaign's own content. */
export const VARIANT_KEYS = ["A", "B", "C", "D"] as const;
export type VariantKey = (typeof VARIANT_KEYS)[number];

export const ATTRIBUTION_BASES = ["click", "open", "delivery"] as const;
export type AttributionBasis = (typeof ATTRIBUTION_BASES)[number];

/** "Transactional" or a marketing topic's key: the one field the compose form shows for both. */
export const TRANSACTIONAL = "transactional";
