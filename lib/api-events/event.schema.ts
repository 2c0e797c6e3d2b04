import { z } from "zod";
import { CONTACT_EVENT_NAMES } from "../events/domain-events";
import { ORDER_EVENT, orderPropertiesSchema } from "./order.schema";

const MAX_PROPERTIES_BYTES = 16 * 1024;

/** The body of `POST /api/v1/events`. Shared by the route and the docs; no database or UI imports. */
export const apiEventSchema = z
  .object({
    id: z
      .string({ error: "Give the event a unique id (your system's id for it)" })
      .trim()
      .min(1, "Give the event a unique id")
      .max(200, "Keep the id under 200 characters"),
    name: z.enum(CONTACT_EVENT_NAMES, { error: `Use one of: ${CONTACT_EVENT_NAMES.join(", ")}` }),
    contact: z
      .object(
        {
          email: z.string().trim().toLowerCase().pipe(z.email("Not a valid email address")).optional(),
          externalId: z
            .string()
            .trim()
            .min(1, "Leave externalId out or give a value")
            .max(200, "Keep externalId under 200 characters")
            .optional(),
          create: z.boolean({ error: "create is true or false" }).optional(),
          firstName: z.string().trim().max(100, "Keep firstName under 100 characters").optional(),
          lastName: z.string().trim().max(100, "Keep lastName under 100 characters").optional(),
        },
        { error: "Say who the event is about: contact.email or contact.externalId" },
      )
      .refine((c) => c.email || c.externalId, { message: "Give contact.email or contact.externalId", path: ["email"] }),
    properties: z
      .record(z.string(), z.unknown(), { error: "properties is an object" })
      .refine((p) => JSON.stringify(p).length <= MAX_PROPERTIES_BYTES, "Keep properties under 16 KB")
      .optional(),
    occurredAt: z.iso
      .datetime({ offset: true, error: "Use an ISO 8601 date-time, e.g. 2026-11-21T08:00:00Z" })
      .optional(),
  })
  .superRefine((event, ctx) => {
    // An order's money and id are required, and name their field as properties.<field>.
    if (event.name !== ORDER_EVENT) return;
    const order = orderPropertiesSchema.safeParse(event.properties ?? {});
    if (order.success) return;
    for (const issue of order.error.issues) {
      ctx.addIssue({ code: "custom", path: ["properties", ...issue.path], message: issue.message });
    }
  });
export type ApiEventInput = z.input<typeof apiEventSchema>;
export type ApiEvent = z.output<typeof apiEventSchema>;
