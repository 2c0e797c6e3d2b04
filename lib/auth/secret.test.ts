import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

const dirs: string[] = [];
afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function loadWithDataDir() {
  const dir = mkdtempSync(path.join(tmpdir(), "tend-secret-"));
  dirs.push(dir);
  vi.stubEnv("TEND_DATA_DIR", dir);
  vi.resetModules();
  const mod = await import("./secret");
  return { dir, getAuthSecret: mod.getAuthSecret };
}

describe("getAuthSecret", () => {
  it("uses AUTH_SECRET when it is set", async () => {
    const { getAuthSecret } = await loadWithDataDir();
    expect(
      getAuthSecret({
        AUTH_SECRET: "configured",
        NODE_ENV: "production",
        DATABASE_URL: "postgres://x",
      } as NodeJS.ProcessEnv),
    ).toBe("configured");
  });

  it("refuses to run in production on a real database without AUTH_SECRET", async () => {
    const { getAuthSecret, dir } = await loadWithDataDir();
    expect(() => getAuthSecret({ NODE_ENV: "production", DATABASE_URL: "postgres://x" } as NodeJS.ProcessEnv)).toThrow(
      /AUTH_SECRET is required/,
    );
    expect(existsSync(path.join(dir, "auth-secret"))).toBe(false);
  });

  it("generates one for the embedded default, keeps it in the data folder and warns", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { getAuthSecret, dir } = await loadWithDataDir();
    const secret = getAuthSecret({ NODE_ENV: "production" } as NodeJS.ProcessEnv);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path.join(dir, "auth-secret"), "utf8")).toBe(secret);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("AUTH_SECRET is not set"));

    // A restart reads the same secret back, so sessions survive it.
    vi.resetModules();
    const again = await import("./secret");
    expect(again.getAuthSecret({ NODE_ENV: "production" } as NodeJS.ProcessEnv)).toBe(secret);
  });
});
