import { defineConfig, devices } from "@playwright/test";
import { systemChromiumPath } from "./scripts/find-browser.mjs";

const PORT = Number(process.env.E2E_PORT ?? 3100);
// Each worker signs in to its own copy of the demo workspace (e2e/fixtures.ts), which the server
// seeds at start: the flows of one worker never see another's changes.
const WORKERS = Number(process.env.E2E_WORKERS ?? 2);
// The same choice as scripts/e2e.mjs makes before running: a system Chromium, else Playwright's own.
const systemChromium = systemChromiumPath();

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: WORKERS,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "on-first-retry",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: systemChromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "flows", testMatch: "flows/**/*.spec.ts" },
    // Flows that move the executor's clock forward run last, once every other flow is done: no
    // flow then sees a shifted "now". Run one alone with --no-deps.
    // One at a time: each moves the clock that every run shares.
    { name: "later", testMatch: "later/**/*.spec.ts", dependencies: ["flows"], workers: 1 },
  ],
  webServer: {
    // Its own port and its own data folder, made fresh for every run (see scripts/e2e-server.mjs).
    command: `node scripts/e2e-server.mjs ${PORT} ${WORKERS - 1}`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
