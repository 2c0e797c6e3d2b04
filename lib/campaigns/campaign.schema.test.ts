import { describe, expect, it } from "vitest";
import { scheduleSchema } from "./campaign.schema";

describe("schedule input", () => {
  it("takes the form's empty fields for the modes that do not use them, and names the missing ones", () => {
    expect(scheduleSchema.safeParse({ mode: "now", at: "", localDate: "", localTime: "09:00" }).success).toBe(true);
    const local = scheduleSchema.safeParse({ mode: "local_time", at: "", localDate: "", localTime: "" });
    expect(local.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["localDate", "Choose a date"],
      ["localTime", "Write the time as HH:MM"],
    ]);
    const at = scheduleSchema.safeParse({ mode: "at", at: "" });
    expect(at.error?.issues.map((i) => i.path.join("."))).toEqual(["at"]);
  });
});
