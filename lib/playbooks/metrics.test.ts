import { describe, expect, it } from "vitest";
import { metricsAuth } from "./metrics";

describe("metrics auth", () => {
  it("is off without a token, accepts only the exact bearer token", () => {
    expect(metricsAuth("Bearer x", undefined)).toBe("off");
    expect(metricsAuth(null, "s3cret")).toBe("denied");
    expect(metricsAuth("Bearer s3cre", "s3cret")).toBe("denied");
    expect(metricsAuth("s3cret", "s3cret")).toBe("denied");
    expect(metricsAuth("Bearer s3cret", "s3cret")).toBe("ok");
  });
});
