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

test("an owner sends marketing email only to customers who said yes, then turns it back off", async ({ page }) => {
  await signIn(page, DEMO.owner.email);
  await page.goto("/settings");
  const box = page.getByLabel("Marketing email only to customers who said yes");
  await expect(box).not.toBeChecked();
  await box.check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Marketing email only to customers who said yes")).toBeChecked();

  // Other specs share the demo workspace: leave it as it was (soft opt-in).
  await page.getByLabel("Marketing email only to customers who said yes").uncheck();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Marketing email only to customers who said yes")).not.toBeChecked();
});

test("a rep sees the settings but cannot change them", async ({ page }) => {
  await signIn(page, DEMO.rep.email);
  await expect(page).toHaveURL("/");
  await page.goto("/settings");
  await expect(page.getByText("Only owners can change these settings.")).toBeVisible();
  await expect(page.getByLabel("Organisation name")).toBeDisabled();
  await expect(page.getByLabel("Marketing email only to customers who said yes")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save settings" })).toHaveCount(0);
});
