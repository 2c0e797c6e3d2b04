import { describe, expect, it } from "vitest";
import { parseViewSearch, searchFromRecord, viewSearch } from "./view-search";

describe("an analytics page's search", () => {
  it("keeps only the page's parameters, in one order, so the same view has one cache key", () => {
    const a = viewSearch(new URLSearchParams("to=2026-03-01&utm=x&range=custom&from=2026-01-01&compare="));
    const b = viewSearch(new URLSearchParams("range=custom&from=2026-01-01&to=2026-03-01"));
    expect(a).toBe("range=custom&from=2026-01-01&to=2026-03-01");
    expect(b).toBe(a);
  });

  it("reads Next's page props the same way as the browser's URL", () => {
    const record = { range: ["7d", "30d"], compare: "1", other: "x" };
    expect(viewSearch(searchFromRecord(record))).toBe("range=7d&compare=1");
  });

  it("parses back into every parameter, missing ones null", () => {
    expect(parseViewSearch("range=1y&playbook=p1")).toEqual({
      range: "1y",
      from: null,
      to: null,
      compare: null,
      dating: null,
      playbook: "p1",
    });
  });
});
