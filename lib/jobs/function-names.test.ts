import { describe, expect, it } from "vitest";
import { functions } from "@/inngest/functions";
import { eventFields } from "./event-fields";
import { FUNCTION_NAMES, functionName } from "./function-names";

describe("the runs console in words", () => {
  it("every served function has a human name, and the stored (prefixed) id finds it", () => {
    const ids = functions.map((f) => f.id());
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(FUNCTION_NAMES[id], id).toBeTruthy();
    expect(functionName("tend-segments-refresh-on-change")).toBe("Refresh segments after a change");
    expect(functionName("tend-playbook-run-failure")).toBe("Run a playbook for one customer: record its failure");
    expect(functionName("someone-elses-fn")).toBe("someone-elses-fn");
  });

  it("shows a trigger event as worded fields", () => {
    const ts = Date.UTC(2026, 11, 3, 12, 0);
    expect(
      eventFields({
        name: "crm/payment.failed",
        ts,
        data: {
          orgId: "o1",
          contactId: "c1",
          properties: { amount: 1200, paid: false, tags: ["a", "b"], extra: null },
        },
      }),
    ).toEqual([
      { label: "Event", value: "crm/payment.failed" },
      { label: "Happened", value: new Date(ts).toISOString(), at: new Date(ts).toISOString() },
      { label: "Org id", value: "o1" },
      { label: "Contact id", value: "c1" },
      { label: "Properties › Amount", value: "1200" },
      { label: "Properties › Paid", value: "no" },
      { label: "Properties › Tags", value: "a, b" },
      { label: "Properties › Extra", value: "—" },
    ]);
    expect(eventFields(null)).toEqual([]);
  });
});
