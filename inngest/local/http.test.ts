import { describe, expect, it } from "vitest";
import { hashedSigningKey } from "./http";

// The SDK's own tokens for these keys (its hashSigningKey, computed with the hash library it uses).
describe("hashedSigningKey", () => {
  it("gives the bearer token the SDK sends, for hex keys and for keys that are not pure hex", () => {
    expect(hashedSigningKey("signkey-local-00ff10")).toBe(
      "signkey-local-2da45f2cd1f9c8e69a67abf7a6b26c282533d0a7686787a9533265418680d4d2",
    );
    expect(hashedSigningKey("signkey-test-chaos0001")).toBe(
      "signkey-test-69899f8b3f39e2e8e1653aa30517d4b022380b5cb527ad32fdda9426f2312fe9",
    );
    expect(hashedSigningKey("signkey-build-0")).toBe(
      "signkey-build-6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    );
  });
});
