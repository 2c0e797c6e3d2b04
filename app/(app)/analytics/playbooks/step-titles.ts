/** What a step is called on the funnel (the editor's words for each node type). */
export const STEP_TITLES: Record<string, string> = {
  send_email: "Send email",
  wait: "Wait",
  wait_until: "Wait until",
  branch: "Branch",
  wait_for_event: "Wait for event",
  add_tag: "Add tag",
  remove_tag: "Remove tag",
  update_field: "Update field",
  create_discount: "Discount code",
  notify_owner: "Notify owner",
  create_task: "Follow-up task",
  webhook: "Webhook",
  exit: "Exit",
};
