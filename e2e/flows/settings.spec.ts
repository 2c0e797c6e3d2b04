import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "../fixtures";

test("an owner sets the organisation's quiet hours and time zone", async ({ page }) => {
  await signIn(page, DEMO.owner.email);
  await page.goto("/settings");
  await page.getByLabel("Time zone").fill("Mars/Olympus");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/Choose a time zone from the list/)).toBeVisible();

  await page.getByLabel("Time zone").fill("Europe/Paris");
  await page.getByLabel("Quiet from").fill("21:30");
  await page.getByLabel("Quiet until").fill("07:45");
  await page.getByLabel("No messages on Saturdays and Sundays").check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Paris");
  await expect(page.getByLabel("Quiet from")).toHaveValue("21:30");
  await expect(page.getByLabel("Quiet until")).toHaveValue("07:45");
  await expect(page.getByLabel("No messages on Saturdays and Sundays")).toBeChecked();
});

test("a rep sees the settings but cannot change them", async ({ page }) => {
  await signIn(page, DEMO.rep.email);
  await expect(page).toHaveURL("/");
  await page.goto("/settings");
  await expect(page.getByText("Only owners can change these settings.")).toBeVisible();
  await expect(page.getByLabel("Organisation name")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save settings" })).toHaveCount(0);
});
