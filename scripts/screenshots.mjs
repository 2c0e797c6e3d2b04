// node scripts/screenshots.mjs <base-url> [page-name …] — the README's screenshots of a running demo
// (start one with `npm start`), signed in as the demo owner, at 1440×900, into docs/screenshots/.
import { chromium } from "@playwright/test";
import { findBrowser } from "./find-browser.mjs";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const only = process.argv.slice(3);
const PAGES = {
  dashboard: "/",
  analytics: "/analytics",
  "analytics-pipeline": "/analytics/pipeline",
  leads: "/leads",
  customers: "/customers",
  segments: "/segments",
  playbooks: "/playbooks",
  campaigns: "/campaigns",
  outbox: "/outbox",
  audit: "/settings/audit",
  runs: "/jobs",
};

const browser = await chromium.launch({ executablePath: (await findBrowser()).executablePath });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(`${base}/login`);
await page.getByLabel("Email").fill("owner@tend.test");
await page.getByLabel("Password").fill("tend-demo");
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL((url) => !url.pathname.startsWith("/login"));
for (const [name, path] of Object.entries(PAGES)) {
  if (only.length > 0 && !only.includes(name)) continue;
  const response = await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
  if (!response?.ok()) {
    console.error(`${name}: ${path} answered ${response?.status()}; skipped`);
    continue;
  }
  await page.screenshot({ path: `docs/screenshots/${name}.png` });
  console.log(`${name}: docs/screenshots/${name}.png`);
}
// The playbook editor: the first playbook's canvas.
if (only.length === 0 || only.includes("playbook-editor")) {
  await page.goto(`${base}/playbooks`);
  const first = page.locator('a[href^="/playbooks/"]').filter({ hasNotText: "New" }).first();
  const href = await first.getAttribute("href");
  if (href) {
    await page.goto(`${base}${href}/edit`, { waitUntil: "networkidle" });
    await page.screenshot({ path: "docs/screenshots/playbook-editor.png" });
    console.log("playbook-editor: docs/screenshots/playbook-editor.png");
  }
}
// A campaign's page: the demo campaign's results, its A/B variants and the holdout, full length.
if (only.length === 0 || only.includes("campaign")) {
  await page.goto(`${base}/campaigns`);
  const href = await page.locator('a[href^="/campaigns/"]').filter({ hasNotText: "New" }).first().getAttribute("href");
  if (href) {
    await page.goto(`${base}${href}`, { waitUntil: "networkidle" });
    await page.screenshot({ path: "docs/screenshots/campaign.png", fullPage: true });
    console.log("campaign: docs/screenshots/campaign.png");
  }
}
await browser.close();
