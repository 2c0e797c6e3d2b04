import { describe, expect, it } from "vitest";
import { uuidArrayLiteral } from "./uuid-array";

describe("uuidArrayLiteral", () => {
  it("writes ids as one PostgreSQL array literal", () => {
    const a = "0b7a3f4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
    const b = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";
    expect(uuidArrayLiteral([a, b])).toBe(`{${a},${b}}`);
    expect(uuidArrayLiteral([])).toBe("{}");
  });

  it("refuses a value that is not a UUID, naming it, so nothing can be slipped into the literal", () => {
    expect(() => uuidArrayLiteral(["0b7a3f4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b", "x},{y"])).toThrow('"x},{y" is not an id');
    expect(() => uuidArrayLiteral(["not-a-customer-id"])).toThrow("not-a-customer-id");
  });
});
