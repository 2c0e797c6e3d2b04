import { describe, expect, it } from "vitest";
import { demoCopies } from "./boot";

describe("TEND_DEMO_COPIES", () => {
  it("is none unless set, and the number given", () => {
    expect(demoCopies({})).toBe(0);
    expect(demoCopies({ TEND_DEMO_COPIES: "3" })).toBe(3);
  });

  it("refuses what is not a whole number up to 16, naming the variable", () => {
    for (const value of ["two", "-1", "1.5", "17"])
      expect(() => demoCopies({ TEND_DEMO_COPIES: value })).toThrow(/TEND_DEMO_COPIES must be a whole number/);
  });
});
