import { describe, expect, it } from "vitest";
import { isPublicPath, safeReturnPath } from "./public-paths";

describe("safeReturnPath", () => {
  it.each(["//evil.com", "https://evil.com", "/\\evil", "/\t/evil.com", "/\n/evil.com", "evil.com/x", ""])(
    "rejects %j",
    (value) => {
      expect(safeReturnPath(value)).toBe("/");
    },
  );

  it("never returns a path that a browser would resolve to another origin", () => {
    for (const value of [
      "//evil.com",
      "/\\evil.com",
      "/\t/evil.com",
      "/\r\n/evil.com",
      "/ /evil.com",
      "/%2F/evil.com",
    ]) {
      expect(new URL(safeReturnPath(value), "https://tend.example").origin).toBe("https://tend.example");
    }
  });

  it("keeps a same-site path with its query", () => {
    expect(safeReturnPath("/settings/team?x=1")).toBe("/settings/team?x=1");
    expect(safeReturnPath("/")).toBe("/");
  });

  it("does not send a person back to the sign-in pages", () => {
    expect(safeReturnPath("/login?callbackUrl=/x")).toBe("/");
    expect(safeReturnPath("/signup")).toBe("/");
  });

  it("ignores values that are not strings", () => {
    expect(safeReturnPath(undefined)).toBe("/");
    expect(safeReturnPath(null)).toBe("/");
    expect(safeReturnPath(["/settings"])).toBe("/");
  });
});

describe("isPublicPath", () => {
  it.each([
    "/login",
    "/logout",
    "/signup",
    "/api/auth/callback/credentials",
    "/api/health",
    "/api/inngest",
    "/api/executor/e/key",
    "/api/v1/events",
    "/api/webhooks/resend",
    "/u/abc123",
  ])("%s is public", (path) => expect(isPublicPath(path)).toBe(true));

  it.each(["/", "/settings", "/settings/team", "/loginx", "/api/authx", "/api/contacts", "/u", "/users"])(
    "%s needs a session",
    (path) => expect(isPublicPath(path)).toBe(false),
  );
});
