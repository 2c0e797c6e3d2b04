/** Enum values shared by the schema, zod schemas and the UI. */
export const EMAIL_CATEGORIES = ["transactional", "marketing"] as const;
export type EmailCategory = (typeof EMAIL_CATEGORIES)[number];

export const MESSAGE_STATUSES = [
  "queued",
  "sent",
  "delivered",
  "opened",
  "clicked",
  "bounced",
  "complained",
  "failed",
  "suppressed",
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const SOURCE_TYPES = ["playbook", "campaign", "manual", "system"] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export const EMAIL_EVENT_TYPES = [
  "sent",
  "delivered",
  "delivery_delayed",
  "bounced",
  "complained",
  "opened",
  "clicked",
  "unsubscribed",
  "resubscribed",
  "failed",
] as const;
export type EmailEventType = (typeof EMAIL_EVENT_TYPES)[number];

export const SUPPRESSION_REASONS = ["hard_bounce", "complaint"] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

export const STATUS_LABELS: Record<MessageStatus, string> = {
  queued: "Queued",
  sent: "Sent",
  delivered: "Delivered",
  opened: "Opened",
  clicked: "Clicked",
  bounced: "Bounced",
  complained: "Complained",
  failed: "Failed",
  suppressed: "Suppressed",
};

/** A later provider event only moves a message forward: a late "delivered" never hides an "opened". */
export const STATUS_RANK: Record<MessageStatus, number> = {
  queued: 0,
  failed: 1,
  suppressed: 1,
  sent: 2,
  delivered: 3,
  opened: 4,
  clicked: 5,
  bounced: 6,
  complained: 7,
};
