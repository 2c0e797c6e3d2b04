import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "../fixtures";

test("an owner previews a CSV with a bad row and queues its import; the export neutralises formulas", async ({ page }) => {
  const tag = `${Date.now()}`;
  await signIn(page, DEMO.owner.email);
  await page.goto("/customers/import");
  const csv = `Name;E-mail;Stage\n=cmd|' /C calc'!A0 Imp${tag};imp${tag}@example.com;vip\nBroken ${tag};not-an-email;gold\n`;
  await page.getByLabel(/CSV file/).setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  // The semicolon file is split correctly and its columns guessed.
  await expect(page.getByText("2 rows found", { exact: false })).toBeVisible();
  const rows = page.getByTestId("preview-row");
  await expect(rows.nth(1)).toContainText('bad email "not-an-email"');
  await expect(rows.nth(1)).toContainText('unknown stage "gold"');
  await page.getByRole("button", { name: "Import 1 rows" }).click();
  await page.waitForURL(/\/customers\/import\/[0-9a-f-]{36}/);
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toBeVisible();
  // The background executor is not part of this branch: the job waits for it.
  await expect(page.getByTestId("import-status")).toContainText("0 of 2 rows processed");

  await page.goto("/customers");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  const text = await readFile((await download.path())!, "utf8");
  expect(text.split("\r\n")[0]).toContain("First name,Last name,Email,Phone");
  // Demo phone numbers start with "+": exported as text, not a formula.
  expect(text).toMatch(/,'\+1 /);
});

test("a rep sees no import or export, and the export route refuses them", async ({ page }) => {
  await signIn(page, DEMO.rep.email);
  await page.goto("/customers");
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Import CSV" })).toHaveCount(0);
  await page.goto("/customers/import");
  await expect(page.getByText("You don't have access to customer imports")).toBeVisible();
  const response = await page.request.get("/customers/export");
  expect(response.status()).toBe(403);
});
