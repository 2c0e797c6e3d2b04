import { expect, test } from "@playwright/test";
import { DEMO, signIn, signOut, uniqueEmail } from "../fixtures";

test("an owner adds a teammate, who signs in, and deactivates them, after which they cannot", async ({ page }) => {
  // Four sign-ins and three sign-outs, each a full page load: 30 s is too tight on a loaded machine.
  test.setTimeout(90_000);
  const email = uniqueEmail("casey");
  await signIn(page, DEMO.owner.email);
  await page.goto("/settings/team");
  await page.getByLabel("Name", { exact: true }).fill("Casey Counter");
  await page.getByLabel("Teammate email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("staff");
  await page.getByLabel("Temporary password").fill("welcome-casey");
  await page.getByRole("button", { name: "Add teammate" }).click();
  await expect(page.getByText("Teammate added.")).toBeVisible();
  const row = page.getByTestId(`teammate-${email}`);
  await expect(row).toContainText("Casey Counter");
  await signOut(page);

  await signIn(page, email, "welcome-casey");
  await expect(page.getByTestId("org-name")).toHaveText("Demo Co");
  await signOut(page);

  await signIn(page, DEMO.owner.email);
  await page.goto("/settings/team");
  await row.getByRole("button", { name: "Deactivate" }).click();
  await row.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText("Casey Counter is deactivated and can no longer sign in.")).toBeVisible();
  await expect(row).toContainText("Deactivated");
  await signOut(page);

  await signIn(page, email, "welcome-casey", { expectRefusal: true });
  await expect(page.getByText(/This account has been deactivated/)).toBeVisible();
});

test("the last owner cannot demote themselves", async ({ page }) => {
  await signIn(page, DEMO.owner.email);
  await page.goto("/settings/team");
  await page.getByLabel(`Role for ${DEMO.owner.name}`).selectOption("rep");
  await expect(page.getByText(/is the last owner of this organisation/)).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(`Role for ${DEMO.owner.name}`)).toHaveValue("owner");
});

for (const role of ["rep", "staff"] as const) {
  test(`a ${role} cannot open Team settings`, async ({ page }) => {
    await signIn(page, DEMO[role].email);
    await expect(page).toHaveURL("/");
    await page.goto("/settings/team");
    await expect(page.getByText("You don't have access to Team settings")).toBeVisible();
    await expect(page.getByRole("button", { name: "Add teammate" })).toHaveCount(0);
  });
}
