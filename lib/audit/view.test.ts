import { describe, expect, it } from "vitest";
import { changeSummary, fieldChanges } from "./view";

describe("fieldChanges", () => {
  it("pairs before and after by field, with a dash for nothing", () => {
    expect(fieldChanges({ before: { role: "rep" }, after: { role: "owner" } })).toEqual([
      { field: "role", from: "rep", to: "owner" },
    ]);
    expect(fieldChanges({ before: null, after: { name: "VIPs", tags: ["a"] } })).toEqual([
      { field: "name", from: "—", to: "VIPs" },
      { field: "tags", from: "—", to: '["a"]' },
    ]);
    expect(changeSummary({ before: { active: true, company: "" }, after: { active: false, company: "Acme" } })).toBe(
      "active: true → false; company: — → Acme",
    );
  });
});
