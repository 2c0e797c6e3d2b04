import { describe, expect, it } from "vitest";
import { attributeConversions, revenuePerCustomer, type Conversion, type Touch } from "./attribution";

const T0 = new Date("2026-11-02T09:00:00Z");
const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);
const touch = (customerId: string, hours: number, basis: Touch["basis"]): Touch => ({
  customerId,
  at: at(hours),
  basis,
});
const conv = (id: string, customerId: string, hours: number, amountMinor = 1000, currency = "EUR"): Conversion => ({
  id,
  customerId,
  at: at(hours),
  kind: "order",
  amountMinor,
  currency,
});
const ids = (m: Map<string, { id: string }[]>) => Object.fromEntries([...m].map(([k, v]) => [k, v.map((c) => c.id)]));

describe("attributeConversions", () => {
  it("counts conversions from the click up to five days later, not before it and not from the fifth day's end", () => {
    const touches = [touch("ana", 0, "click")];
    const conversions = [
      conv("before", "ana", -1),
      conv("same-instant", "ana", 0),
      conv("day-3", "ana", 72),
      conv("last-ms", "ana", 120 - 1 / 3_600_000),
      conv("at-end", "ana", 120),
      conv("day-6", "ana", 144),
    ];
    const result = attributeConversions(touches, conversions);
    expect(ids(result)).toEqual({ ana: ["same-instant", "day-3", "last-ms"] });
    expect(result.get("ana")![0]!.touchAt).toEqual(T0);
  });

  it("a customer without a qualifying touch gets nothing; the basis decides which touches qualify", () => {
    const touches = [
      touch("ana", 0, "delivery"),
      touch("ana", 2, "open"),
      touch("ben", 0, "delivery"),
      touch("cy", 1, "click"),
    ];
    const conversions = [
      conv("a1", "ana", 1),
      conv("a2", "ana", 3),
      conv("b1", "ben", 5),
      conv("c1", "cy", 6),
      conv("d1", "dee", 6),
    ];
    expect(ids(attributeConversions(touches, conversions, { basis: "click" }))).toEqual({ cy: ["c1"] });
    // A click is also an open: cy still counts on basis open; ana's order before her open does not.
    expect(ids(attributeConversions(touches, conversions, { basis: "open" }))).toEqual({ ana: ["a2"], cy: ["c1"] });
    expect(ids(attributeConversions(touches, conversions, { basis: "delivery" }))).toEqual({
      ana: ["a1", "a2"],
      ben: ["b1"],
      cy: ["c1"],
    });
  });

  it("a later click opens a new window; a conversion in two windows counts once, for the latest touch", () => {
    const touches = [touch("ana", 0, "click"), touch("ana", 100, "click")];
    const conversions = [
      conv("o1", "ana", 110),
      conv("o2", "ana", 200),
      conv("o2", "ana", 200),
      conv("o3", "ana", 221),
    ];
    const result = attributeConversions(touches, conversions);
    expect(ids(result)).toEqual({ ana: ["o1", "o2"] });
    expect(result.get("ana")!.map((c) => c.touchAt)).toEqual([at(100), at(100)]);
  });

  it("a chosen window: one day", () => {
    const result = attributeConversions([touch("ana", 0, "open")], [conv("o1", "ana", 23), conv("o2", "ana", 25)], {
      basis: "open",
      windowDays: 1,
    });
    expect(ids(result)).toEqual({ ana: ["o1"] });
    expect(() => attributeConversions([], [], { windowDays: 0 })).toThrow(RangeError);
  });

  it("revenue per converting customer in one currency", () => {
    const touches = [touch("ana", 0, "click"), touch("ben", 0, "click")];
    const result = attributeConversions(touches, [
      conv("a1", "ana", 1, 2500),
      conv("a2", "ana", 2, 1500),
      conv("a3", "ana", 3, 9900, "USD"),
      conv("b1", "ben", 4, 700),
    ]);
    expect(revenuePerCustomer(result, "EUR")).toEqual([4000, 700]);
  });
});
