import { describe, expect, it } from "vitest";
import { clockAllowed } from "./clock-access";

describe("clockAllowed", () => {
  it("refuses production on PostgreSQL, allows development and the embedded try-out", () => {
    expect(clockAllowed({ NODE_ENV: "production", DATABASE_URL: "postgres://x" } as NodeJS.ProcessEnv)).toBe(false);
    expect(clockAllowed({ NODE_ENV: "production" } as NodeJS.ProcessEnv)).toBe(true);
    expect(clockAllowed({ NODE_ENV: "development", DATABASE_URL: "postgres://x" } as NodeJS.ProcessEnv)).toBe(true);
    expect(clockAllowed({ NODE_ENV: "production", TEND_ALLOW_CLOCK: "0" } as NodeJS.ProcessEnv)).toBe(false);
    expect(
      clockAllowed({
        NODE_ENV: "production",
        DATABASE_URL: "postgres://x",
        TEND_ALLOW_CLOCK: "1",
      } as NodeJS.ProcessEnv),
    ).toBe(true);
  });
});
