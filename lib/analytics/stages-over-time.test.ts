import { describe, expect, it } from "vitest";
import { stagesOverTime } from "./stages-over-time";

const keys = ["2026-11-01", "2026-11-02", "2026-11-03"];
const zero = { lead: 0, active: 0, vip: 0, at_risk: 0, churned: 0 };

describe("lifecycle stages over time", () => {
  it("replays stage changes and new customers backwards from today's counts", () => {
    // Today: 3 active, 1 at risk. On the 2nd one active customer became at risk; on the 3rd two
    // customers were added as leads and one of them became active the same day.
    const rows = stagesOverTime(
      keys,
      [
        { stage: "active", n: 3 },
        { stage: "at_risk", n: 1 },
        { stage: "lead", n: 1 },
      ],
      [
        { bucket: "2026-11-02", stage: "at_risk", n: 1 },
        { bucket: "2026-11-02", stage: "active", n: -1 },
        { bucket: "2026-11-03", stage: "lead", n: 2 },
        { bucket: "2026-11-03", stage: "lead", n: -1 },
        { bucket: "2026-11-03", stage: "active", n: 1 },
      ],
    );
    expect(rows).toEqual([
      { bucket: "2026-11-01", ...zero, active: 3 },
      { bucket: "2026-11-02", ...zero, active: 2, at_risk: 1 },
      { bucket: "2026-11-03", ...zero, active: 3, at_risk: 1, lead: 1 },
    ]);
  });

  it("changes after the range's end are taken back before its last bucket", () => {
    const rows = stagesOverTime(
      keys,
      [{ stage: "churned", n: 2 }],
      [
        { bucket: "after", stage: "churned", n: 1 },
        { bucket: "after", stage: "vip", n: -1 },
      ],
    );
    expect(rows.map((r) => [r.vip, r.churned])).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
  });
});
