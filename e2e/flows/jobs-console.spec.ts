import { expect, test } from "@playwright/test";
import { DEMO, signIn, signOut } from "../fixtures";

test("owners find Jobs in the sidebar, filter the list, and others do not see it", async ({ page }) => {
  await signIn(page, DEMO.owner.email);
  await page.getByRole("link", { name: "Jobs" }).first().click();
  await expect(page).toHaveURL("/jobs");
  await expect(page.getByRole("heading", { name: "Background jobs", level: 1 })).toBeVisible();
  const filters = page.getByRole("form", { name: "Filter runs" });
  await filters.getByLabel("Status").selectOption("failed");
  await filters.getByLabel("Started").selectOption("24h");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/status=failed/);
  await expect(page).toHaveURL(/since=24h/);
  await expect(filters.getByLabel("Status")).toHaveValue("failed");
  await expect(page.getByText("No runs match.")).toBeVisible();

  // A run of another organisation, or no run at all, reads as not found.
  const response = await page.goto("/jobs/00000000-0000-4000-8000-000000000000");
  expect(response?.status()).toBe(404);

  await page.goto("/");
  await signOut(page);
  await signIn(page, DEMO.rep.email);
  await expect(page.getByRole("link", { name: "Jobs" })).toHaveCount(0);
  await page.goto("/jobs");
  await expect(page.getByRole("heading", { name: /don.t have access to Background jobs/ })).toBeVisible();
});
