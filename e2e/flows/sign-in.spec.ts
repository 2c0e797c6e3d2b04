import { expect, test } from "@playwright/test";
import { DEMO, DEMO_ACCOUNTS, signIn, signOut } from "../fixtures";

test.describe("signing in", () => {
  test("the login page lists the demo accounts", async ({ page }) => {
    await page.goto("/login");
    const demo = page.getByRole("region", { name: "Demo accounts" });
    for (const user of Object.values(DEMO_ACCOUNTS))
      await expect(demo.locator("code", { hasText: user.email })).toBeVisible();
  });

  for (const [role, user] of Object.entries(DEMO)) {
    test(`the ${role} signs in and sees the shell`, async ({ page }) => {
      await signIn(page, user.email);
      await expect(page).toHaveURL("/");
      await expect(page.getByTestId("org-name")).toHaveText("Demo Co");
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav.getByRole("link", { name: "Dashboard" })).toBeVisible();
      await expect(nav.getByRole("link", { name: "Team" })).toHaveCount(role === "owner" ? 1 : 0);
      await expect(page.getByTestId("customer-total")).toHaveText("300");
      await page.getByRole("button", { name: /open user menu/i }).click();
      await expect(page.getByText(user.name).last()).toBeVisible();
      await page.keyboard.press("Escape");
      await signOut(page);
    });
  }

  test("a wrong password is refused with a clear message", async ({ page }) => {
    await signIn(page, DEMO.rep.email, "not-the-password", { expectRefusal: true });
    await expect(page.getByText("Wrong email or password.")).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });

  test("an unauthenticated visit returns to the page after signing in", async ({ page }) => {
    await page.goto("/settings?tab=org");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fsettings%3Ftab%3Dorg/);
    await signIn(page, DEMO.staff.email);
    await expect(page).toHaveURL("/settings?tab=org");
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  });
});
