import { describe, expect, it } from "vitest";
import { playbookDetailsSchema, playbookSettingsSchema } from "./playbook.schema";

const base = { name: "Rescue", trigger: "crm/payment.failed" };

describe("playbook settings: re-entry days", () => {
  it.each([playbookSettingsSchema, playbookDetailsSchema])(
    "keep days only for “after N days”, and read an empty box as none (%#)",
    (schema) => {
      expect(schema.parse({ ...base, reentry: "never", reentryDays: 30 }).reentryDays).toBeNull();
      expect(schema.parse({ ...base, reentry: "always", reentryDays: "" }).reentryDays).toBeNull();
      expect(schema.parse({ ...base, reentry: "after_days", reentryDays: "14" }).reentryDays).toBe(14);
      const missing = schema.safeParse({ ...base, reentry: "after_days", reentryDays: "" });
      expect(missing.success).toBe(false);
      expect(missing.error!.issues).toEqual([
        expect.objectContaining({ path: ["reentryDays"], message: "Enter the number of days" }),
      ]);
      expect(schema.safeParse({ ...base, reentry: "after_days", reentryDays: 0 }).error!.issues[0]!.message).toBe(
        "At least 1 day",
      );
    },
  );
});
