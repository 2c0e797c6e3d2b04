import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("verifies the password it hashed", async () => {
    const hash = await hashPassword("s3cret-enough");
    expect(hash).not.toContain("s3cret-enough");
    expect(await verifyPassword("s3cret-enough", hash)).toBe(true);
  });

  it("rejects a wrong password", async () => {
    const hash = await hashPassword("s3cret-enough");
    expect(await verifyPassword("s3cret-enougH", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("salts every hash, and each still verifies", async () => {
    const [a, b] = await Promise.all([hashPassword("same password"), hashPassword("same password")]);
    expect(a).not.toBe(b);
    expect(a.split("$")[4]).not.toBe(b.split("$")[4]);
    expect(await verifyPassword("same password", a)).toBe(true);
    expect(await verifyPassword("same password", b)).toBe(true);
  });

  it("refuses stored values that are not scrypt hashes", async () => {
    expect(await verifyPassword("plain", "plain")).toBe(false);
    expect(await verifyPassword("x", "bcrypt$1$2$3$c2FsdA==$aGFzaA==")).toBe(false);
  });
});
