import { z } from "zod";
import { isValidCurrency } from "../time-zones";

export const ORDER_EVENT = "crm/order.placed";

/**
 * The properties `crm/order.placed` requires (client-safe): the shop's order id (idempotency:
 * one order per id and organisation), its total in minor units and its currency. Other
 * properties (items, channel) pass through as for every event.
 */
export const orderPropertiesSchema = z.looseObject({
  orderId: z
    .string({ error: "Give orderId, your shop's id for the order" })
    .trim()
    .min(1, "Give orderId, your shop's id for the order")
    .max(200, "Keep orderId under 200 characters"),
  amountMinor: z
    .number({ error: "Give amountMinor, the order total in minor units (4900 for 49.00)" })
    .int("Make amountMinor a whole number of minor units (4900 for 49.00)")
    .positive("Make amountMinor above zero: the order total in minor units")
    .max(1e12, "Keep amountMinor under 10^12 minor units"),
  currency: z
    .string({ error: "Give currency, a three-letter ISO 4217 code such as USD or EUR" })
    .refine(
      (c) => /^[A-Z]{3}$/.test(c) && isValidCurrency(c),
      "Use a three-letter ISO 4217 currency code in capitals, such as USD or EUR",
    ),
});
export type OrderProperties = z.output<typeof orderPropertiesSchema>;
