import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "../fixtures";

test("an owner previews a CSV with a bad row, imports it in the background and gets the rejected row back; the export neutralises formulas", async ({
  page,
}) => {
  const tag = `${Date.now()}`;
  await signIn(page, DEMO.owner.email);
  await page.goto("/customers/import");
  const csv = `Name;E-mail;Stage\n=cmd|' /C calc'!A0 Imp${tag};imp${tag}@example.com;vip\nBroken ${tag};not-an-email;gold\n`;
  await page
    .getByLabel(/CSV file/)
    .setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  // The semicolon file is split correctly and its columns guessed.
  await expect(page.getByText("2 rows found", { exact: false })).toBeVisible();
  const rows = page.getByTestId("preview-row");
  await expect(rows.nth(1)).toContainText('bad email "not-an-email"');
  await expect(rows.nth(1)).toContainText('unknown stage "gold"');
  await page.getByRole("button", { name: "Import 1 rows" }).click();
  await page.waitForURL(/\/customers\/import\/[0-9a-f-]{36}/);
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toBeVisible();
  // The upload emits an event through the outbox; the embedded executor runs the import function.
  await expect(page.getByTestId("import-status")).toContainText("Finished. 2 of 2 rows processed", { timeout: 30_000 });
  const [rejected] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /rows that were not imported/ }).click(),
  ]);
  const rejectedCsv = await readFile((await rejected.path())!, "utf8");
  expect(rejectedCsv).toContain("not-an-email");
  expect(rejectedCsv).not.toContain(`imp${tag}@example.com`);

  // The imported customer is findable; clean up so the demo keeps its 300 customers.
  await page.goto(`/customers?q=imp${tag}`);
  await page
    .getByRole("link", { name: new RegExp(`Imp${tag}`) })
    .first()
    .click();
  await page.getByRole("button", { name: "Delete customer" }).click();
  await page.getByRole("button", { name: "Yes, delete" }).click();
  await page.waitForURL(/\/customers(\?|$)/);

  await page.goto("/customers");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV" }).click(),
  ]);
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
