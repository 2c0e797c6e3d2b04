import { expect, test } from "@playwright/test";
import { DEMO, uniqueEmail } from "../fixtures";

test("a new sign-up gets an empty workspace of its own", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Business name").fill("Fern & Co Florists");
  await page.getByLabel("Your name").fill("Fern Field");
  await page.getByLabel("Email").fill(uniqueEmail("fern"));
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByText("Use at least 8 characters")).toBeVisible();

  await page.getByLabel("Password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL("/");
  await expect(page.getByTestId("org-name")).toHaveText("Fern & Co Florists");
  await expect(page.getByTestId("empty-workspace")).toBeVisible();
  await expect(page.getByText("Demo Co")).toHaveCount(0);
  // The owner of the new organisation manages its team, which holds only them.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Team" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(1);
});

test("signing up with an email already in use names the field", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Business name").fill("Copycat Ltd");
  await page.getByLabel("Your name").fill("Cat");
  await page.getByLabel("Email").fill(DEMO.owner.email);
  await page.getByLabel("Password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.locator("#email-error")).toHaveText(/already signs in with this email/);
  await expect(page).toHaveURL(/\/signup/);
});
