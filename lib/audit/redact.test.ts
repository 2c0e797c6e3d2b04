import { describe, expect, it } from "vitest";
import { changedFields, redact, REDACTED } from "./redact";

describe("redact", () => {
  it("hides secret-looking fields at any depth and keeps the rest", () => {
    expect(
      redact({ name: "Key", keyHash: "abc", nested: { password: "x", role: "rep" }, list: [{ token: "t" }] }),
    ).toEqual({
      name: "Key",
      keyHash: REDACTED,
      nested: { password: REDACTED, role: "rep" },
      list: [{ token: REDACTED }],
    });
  });
});

describe("changedFields", () => {
  it("keeps only what changed, with null for a field that appeared or went", () => {
    expect(
      changedFields({ role: "rep", name: "Ann", phone: "1" }, { role: "owner", name: "Ann", email: "a@x" }),
    ).toEqual({
      before: { role: "rep", phone: "1", email: null },
      after: { role: "owner", phone: null, email: "a@x" },
    });
  });

  it("compares structured values by content", () => {
    expect(changedFields({ tags: ["a"] }, { tags: ["a"] })).toEqual({ before: {}, after: {} });
  });
});
