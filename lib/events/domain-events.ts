import { z } from "zod";

/**
 * Business events that arrive from outside (billing, product) through `POST /api/v1/events`, or
 * from Tend's own detectors, and that playbooks trigger on. They share one shape: the contact they
 * are about, the id of the source event (idempotency), and the caller's properties.
 * `amountMinor` (integer minor units), where present, is the money involved — a conversion's value.
 */
const contactEvent = z.object({
  orgId: z.uuid(),
  contactId: z.uuid(),
  sourceEventId: z.string().min(1).max(200),
  source: z.enum(["api", "detector", "app"]),
  properties: z.record(z.string(), z.unknown()).default({}),
});

export const CONTACT_EVENT_NAMES = [
  "crm/payment.failed",
  "crm/payment.succeeded",
  "crm/trial.ending",
  "crm/churn.risk",
  "crm/milestone.reached",
  "crm/subscription.cancelled",
  // From a shop: properties orderId, amountMinor, currency (lib/api-events/order.schema.ts).
  "crm/order.placed",
] as const;
export type ContactEventName = (typeof CONTACT_EVENT_NAMES)[number];

export const CONTACT_EVENT_SCHEMAS = Object.fromEntries(
  CONTACT_EVENT_NAMES.map((name) => [name, contactEvent]),
) as Record<ContactEventName, typeof contactEvent>;
