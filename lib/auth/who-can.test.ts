import { describe, expect, it } from "vitest";
import { whoCan } from "./who-can";

describe("whoCan", () => {
  it("names the roles holding a permission, from the policy table", () => {
    expect(whoCan("team:manage")).toBe("owners");
    expect(whoCan("email:read")).toBe("owners and staff");
    expect(whoCan("customers:read")).toBe("owners, sales reps and staff");
  });
});
