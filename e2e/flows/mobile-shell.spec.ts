import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "../fixtures";

test.use({ viewport: { width: 390, height: 844 } });

test("at 390 px the navigation opens from the Menu button and works by keyboard", async ({ page }) => {
  await signIn(page, DEMO.owner.email);
  await expect(page).toHaveURL("/");
  const menu = page.getByRole("button", { name: "Menu", exact: true });
  await expect(menu).toBeVisible();
  await menu.focus();
  await page.keyboard.press("Enter");
  const nav = page.locator("#mobile-nav");
  await expect(nav.getByRole("link", { name: "Team" })).toBeVisible();
  await nav.getByRole("link", { name: "Team" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/settings/team");
  await expect(page.getByRole("heading", { name: "Team", level: 1 })).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});
