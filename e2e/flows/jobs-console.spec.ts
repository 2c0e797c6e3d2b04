import { expect, test } from "@playwright/test";
import { DEMO, signIn, signOut } from "../fixtures";

test("owners find Jobs in the sidebar, filter the list, and others do not see it", async ({ page }) => {
  await signIn(page, DEMO.owner.email);
  // Logging a call announces crm/contact.engaged, which starts a segment refresh in the background.
  await page.goto("/customers");
  await page.locator("table tbody a").first().click();
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}/);
  const log = page.getByRole("form", { name: "Log an interaction" });
  await log.getByLabel("Type").selectOption("call");
  await log.getByLabel("Subject").fill("Jobs console check");
  await log.getByRole("button", { name: "Log interaction" }).click();
  await expect(page.getByText("Interaction logged.")).toBeVisible();

  await page.getByRole("link", { name: "Jobs" }).first().click();
  await expect(page).toHaveURL("/jobs");
  await expect(page.getByRole("heading", { name: "Background jobs", level: 1 })).toBeVisible();
  // Functions by what they do, not by their ids; the trigger event as fields, its JSON behind a toggle.
  // Other flows change customers too, each change starting a refresh of its own: take the run of this call.
  const refresh = page
    .getByRole("row")
    .filter({ hasText: "crm/contact.engaged" })
    .getByRole("link", { name: "Refresh segments after a change" })
    .first();
  await expect(async () => {
    await page.reload();
    await expect(refresh).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole("table", { name: "Background jobs" })).not.toContainText("tend-");
  await refresh.click();
  await expect(page.getByRole("heading", { name: "Refresh segments after a change", level: 1 })).toBeVisible();
  const event = page.getByRole("definition").filter({ hasText: /^crm\/contact\.engaged$/ });
  await expect(event).toBeVisible();
  const raw = page.locator("details", { hasText: "The event as JSON" });
  await expect(raw.locator("pre")).toBeHidden();
  await raw.locator("summary").click();
  await expect(raw.locator("pre")).toContainText('"name": "crm/contact.engaged"');
  await page.goto("/jobs");
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
  const refused = await page.goto("/jobs");
  expect(refused?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: /don.t have access to Background jobs/ })).toBeVisible();
});
