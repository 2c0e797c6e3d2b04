import { existsSync } from "node:fs";

const SYSTEM_CHROMIUMS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** The system Chromium to use, if any: CHROMIUM_PATH first, then the usual install paths. */
export function systemChromiumPath(env = process.env) {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  return SYSTEM_CHROMIUMS.find((path) => existsSync(path));
}

/**
 * A system Chromium when there is one (CHROMIUM_PATH first), else Playwright's own download.
 * Returns { executablePath } or { missing: true } with what to do about it.
 */
export async function findBrowser(env = process.env) {
  if (env.CHROMIUM_PATH) {
    if (existsSync(env.CHROMIUM_PATH)) return { executablePath: env.CHROMIUM_PATH };
    return { missing: true, reason: `CHROMIUM_PATH points at ${env.CHROMIUM_PATH}, which does not exist.` };
  }
  const system = systemChromiumPath(env);
  if (system) return { executablePath: system };
  try {
    const { chromium } = await import("@playwright/test");
    if (existsSync(chromium.executablePath())) return { executablePath: undefined };
  } catch {
    // Fall through to the advice below.
  }
  return {
    missing: true,
    reason:
      "No Chromium found for the end-to-end tests. Install one of:\n" +
      "  • Debian/Ubuntu: sudo apt-get install -y chromium   (then it is found at /usr/bin/chromium)\n" +
      "  • With internet: npx playwright install chromium\n" +
      "  • Or set CHROMIUM_PATH=/path/to/chromium",
  };
}
