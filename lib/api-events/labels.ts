import type { ContactEventName } from "../events/domain-events";

/** How a business event reads on a customer's timeline. */
export const CONTACT_EVENT_LABELS: Record<ContactEventName, string> = {
  "crm/payment.failed": "Payment failed",
  "crm/payment.succeeded": "Payment succeeded",
  "crm/trial.ending": "Trial ending",
  "crm/churn.risk": "Churn risk",
  "crm/milestone.reached": "Milestone reached",
  "crm/subscription.cancelled": "Subscription cancelled",
  "crm/order.placed": "Order placed",
};

export function contactEventLabel(name: string): string {
  return CONTACT_EVENT_LABELS[name as ContactEventName] ?? name.replace(/^crm\//, "").replace(/[._]/g, " ");
}
