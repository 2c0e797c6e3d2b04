import { z } from "zod";

export const lifecycleRulesSchema = z
  .object({
    vipThreshold: z
      .string()
      .trim()
      .regex(/^\d{1,9}(\.\d{1,2})?$/, "Enter an amount such as 1000 or 1000.00"),
    atRiskDays: z.coerce.number().int("Use whole days").min(1, "At least 1 day").max(3650, "At most 10 years"),
    churnedDays: z.coerce.number().int("Use whole days").min(1, "At least 1 day").max(3650, "At most 10 years"),
  })
  .refine((v) => v.churnedDays > v.atRiskDays, {
    path: ["churnedDays"],
    message: "Churned must come after at risk (more days)",
  });
export type LifecycleRulesInput = z.input<typeof lifecycleRulesSchema>;
