/**
 * Every action the audit log records, with what the log page calls it and what kind of record it
 * is about. Client-safe (no database code): the log page's filters use it too. A domain adds its
 * actions here; `recordAudit` accepts no other names.
 */
export const AUDIT_TARGET_TYPES = [
  "organization",
  "user",
  "api_key",
  "customer",
  "customers",
  "lead",
  "pipeline",
  "pipeline_stage",
  "segment",
  "playbook",
  "playbook_run",
  "email_template",
  "email_topic",
  "email_message",
  "campaign",
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

export const AUDIT_ACTIONS = {
  "organization.created": { label: "Created the organisation", target: "organization" },
  "organization.updated": { label: "Changed organisation settings", target: "organization" },
  "lifecycle.rules_updated": { label: "Changed lifecycle rules", target: "organization" },
  "auth.signed_in": { label: "Signed in", target: "user" },
  "auth.sign_in_failed": { label: "Failed to sign in", target: "user" },
  "team.member_added": { label: "Added a teammate", target: "user" },
  "team.role_changed": { label: "Changed a role", target: "user" },
  "team.member_deactivated": { label: "Deactivated a teammate", target: "user" },
  "team.member_reactivated": { label: "Reactivated a teammate", target: "user" },
  "api_key.created": { label: "Created an API key", target: "api_key" },
  "api_key.revoked": { label: "Revoked an API key", target: "api_key" },
  "pipeline.stage_added": { label: "Added a pipeline stage", target: "pipeline_stage" },
  "pipeline.stage_updated": { label: "Changed a pipeline stage", target: "pipeline_stage" },
  "pipeline.stage_deleted": { label: "Deleted a pipeline stage", target: "pipeline_stage" },
  "pipeline.stages_reordered": { label: "Reordered pipeline stages", target: "pipeline" },
  "pipeline.scoring_updated": { label: "Changed lead scoring", target: "pipeline" },
  "pipeline.lost_reasons_updated": { label: "Changed the lost reasons", target: "pipeline" },
  "segment.created": { label: "Created a segment", target: "segment" },
  "segment.updated": { label: "Changed a segment", target: "segment" },
  "segment.deleted": { label: "Deleted a segment", target: "segment" },
  "segment.members_added": { label: "Added customers to a segment", target: "segment" },
  "segment.member_removed": { label: "Removed a customer from a segment", target: "segment" },
  "segment.exported": { label: "Exported a segment's members", target: "segment" },
  "campaign.created": { label: "Created a campaign", target: "campaign" },
  "campaign.updated": { label: "Changed a campaign", target: "campaign" },
  "campaign.deleted": { label: "Deleted a draft campaign", target: "campaign" },
  "campaign.scheduled": { label: "Scheduled a campaign", target: "campaign" },
  "campaign.paused": { label: "Paused a campaign", target: "campaign" },
  "campaign.resumed": { label: "Resumed a campaign", target: "campaign" },
  "campaign.cancelled": { label: "Cancelled a campaign", target: "campaign" },
  "campaign.test_sent": { label: "Sent a campaign test to themselves", target: "campaign" },
  "playbook.created": { label: "Created a playbook", target: "playbook" },
  "playbook.updated": { label: "Changed a playbook's settings", target: "playbook" },
  "playbook.trigger_changed": { label: "Changed a playbook's trigger", target: "playbook" },
  "playbook.draft_created": { label: "Started a playbook draft", target: "playbook" },
  "playbook.published": { label: "Published a playbook", target: "playbook" },
  "playbook.activated": { label: "Activated a playbook", target: "playbook" },
  "playbook.paused": { label: "Paused a playbook", target: "playbook" },
  "playbook.archived": { label: "Archived a playbook", target: "playbook" },
  "playbook.draft": { label: "Made a playbook a draft again", target: "playbook" },
  "playbook.run_cancelled": { label: "Cancelled a playbook run", target: "playbook" },
  "playbook.manual_enrolment": { label: "Enrolled customers in a playbook", target: "playbook" },
  "playbook.version_restored": { label: "Restored a playbook version as a draft", target: "playbook" },
  "customer.updated": { label: "Changed a customer's details", target: "customer" },
  "customer.owner_changed": { label: "Changed a customer's owner", target: "customer" },
  "customer.lifecycle_changed": { label: "Changed a customer's lifecycle stage", target: "customer" },
  "customer.consent_changed": { label: "Changed a customer's consent", target: "customer" },
  "customer.deleted": { label: "Deleted a customer", target: "customer" },
  "customer.merged": { label: "Merged two customers", target: "customer" },
  "customers.imported": { label: "Imported customers", target: "customers" },
  "customers.exported": { label: "Exported customers", target: "customers" },
  "lead.updated": { label: "Changed a lead", target: "lead" },
  "lead.deleted": { label: "Deleted a lead", target: "lead" },
  "email.sent": { label: "Sent an email", target: "customer" },
  "email.topic_deleted": { label: "Deleted an email topic", target: "email_topic" },
} as const satisfies Record<string, { label: string; target: AuditTargetType }>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, value);
}
