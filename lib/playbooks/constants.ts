/** Shared, import-free lists: the database enums, zod schemas and UI read the same values. */
export const PLAYBOOK_STATUSES = ["draft", "active", "paused", "archived"] as const;
export type PlaybookStatus = (typeof PLAYBOOK_STATUSES)[number];

export const REENTRY_RULES = ["never", "after_days", "always"] as const;
export type ReentryRule = (typeof REENTRY_RULES)[number];

export const RUN_STATUSES = ["active", "completed", "cancelled", "failed"] as const;
export type PlaybookRunStatus = (typeof RUN_STATUSES)[number];

export const RUN_LOG_STATUSES = ["done", "deferred", "waiting", "skipped", "failed"] as const;
export type RunLogStatus = (typeof RUN_LOG_STATUSES)[number];

export const DISCOUNT_KINDS = ["percent", "amount"] as const;
export type DiscountKind = (typeof DISCOUNT_KINDS)[number];

/** Events a playbook can start on (besides manual enrolment). */
export const PLAYBOOK_TRIGGERS = [
  "crm/payment.failed",
  "crm/payment.succeeded",
  "crm/trial.ending",
  "crm/contact.inactive",
  "crm/churn.risk",
  "crm/milestone.reached",
  "crm/subscription.cancelled",
  "crm/lead.stage_changed",
  "crm/contact.created",
  "crm/tag.added",
  "crm/segment.entered",
  "manual",
] as const;
export type PlaybookTrigger = (typeof PLAYBOOK_TRIGGERS)[number];
export type PlaybookEventTrigger = Exclude<PlaybookTrigger, "manual">;
/** The trigger that names a segment (playbooks.trigger_segment_id). */
export const SEGMENT_TRIGGER = "crm/segment.entered" satisfies PlaybookTrigger;
export const PLAYBOOK_EVENT_TRIGGERS = PLAYBOOK_TRIGGERS.filter((t): t is PlaybookEventTrigger => t !== "manual");

/** Events that can end a run (the playbook lists which, and whether each counts as a conversion). */
export const EXIT_EVENTS = [
  "crm/payment.succeeded",
  "crm/payment.failed",
  "crm/subscription.cancelled",
  "crm/milestone.reached",
  "crm/lead.stage_changed",
  "crm/tag.added",
  "crm/contact.engaged",
] as const;
export type ExitEventName = (typeof EXIT_EVENTS)[number];

export const TRIGGER_LABELS: Record<PlaybookTrigger, string> = {
  "crm/payment.failed": "Payment failed",
  "crm/payment.succeeded": "Payment succeeded",
  "crm/trial.ending": "Trial ending",
  "crm/contact.inactive": "Customer inactive",
  "crm/churn.risk": "Churn risk",
  "crm/milestone.reached": "Milestone reached",
  "crm/subscription.cancelled": "Subscription cancelled",
  "crm/lead.stage_changed": "Lead stage changed",
  "crm/contact.created": "Customer created",
  "crm/tag.added": "Tag added",
  "crm/segment.entered": "Entered a segment",
  manual: "Manual enrolment",
};

export const EXIT_EVENT_LABELS: Record<ExitEventName, string> = {
  "crm/payment.succeeded": "Payment succeeded",
  "crm/payment.failed": "Payment failed",
  "crm/subscription.cancelled": "Subscription cancelled",
  "crm/milestone.reached": "Milestone reached",
  "crm/lead.stage_changed": "Lead stage changed",
  "crm/tag.added": "Tag added",
  "crm/contact.engaged": "Customer engaged (an interaction, an email opened or clicked)",
};
