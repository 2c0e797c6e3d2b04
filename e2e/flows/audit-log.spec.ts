import { expect, test } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { DEMO, signIn } from "../fixtures";

// Several pages and an axe scan per test: generous on a busy machine.
test.describe.configure({ timeout: 90_000 });

test("an owner changes a teammate's role and finds the entry, with its before and after, in the audit log", async ({
  page,
}) => {
  await signIn(page, DEMO.owner.email);
  await page.goto("/settings/team");
  await page.getByLabel(`Role for ${DEMO.rep.name}`).selectOption("staff");
  await expect(page.getByLabel(`Role for ${DEMO.rep.name}`)).toHaveValue("staff");

  // The link is in the navigation; the filters are reached and used from the keyboard.
  await page.getByRole("link", { name: "Audit log" }).first().click();
  await expect(page).toHaveURL(/\/settings\/audit/);
  await page.getByLabel("Action").selectOption({ label: "Changed a role" });
  await page.getByRole("button", { name: "Apply" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/action=team\.role_changed/);
  const row = page.getByTestId("audit-row").filter({ hasText: DEMO.rep.email }).first();
  await expect(row).toContainText(DEMO.owner.name);
  await expect(row).toContainText("Changed a role");
  await expect(row).toContainText("role: rep → staff");

  // A filter that matches nothing says so.
  await page.goto("/settings/audit?action=team.role_changed&from=2000-01-01&to=2000-01-02");
  await expect(page.getByTestId("audit-empty")).toContainText("No entries match these filters");

  // Put the demo back as it was.
  await page.goto("/settings/team");
  await page.getByLabel(`Role for ${DEMO.rep.name}`).selectOption("rep");
  await expect(page.getByLabel(`Role for ${DEMO.rep.name}`)).toHaveValue("rep");
});

test("the CSV export carries the filtered entries", async ({ page }) => {
  await signIn(page, DEMO.owner.email);
  const response = await page.request.get("/settings/audit/export?action=auth.signed_in");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/csv");
  const csv = await response.text();
  expect(csv.split("\r\n")[0]).toContain("Time (UTC)");
  expect(csv).toContain("auth.signed_in");
  expect(csv).not.toContain("team.role_changed");
});

test("the audit log page has no accessibility violations", async ({ page }) => {
  await signIn(page, DEMO.owner.email);
  await page.goto("/settings/audit");
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
  ).toEqual([]);
});

for (const role of ["rep", "staff"] as const) {
  test(`a ${role} is refused the audit log and not offered its link`, async ({ page }) => {
    await signIn(page, DEMO[role].email);
    await expect(page.getByRole("link", { name: "Audit log" })).toHaveCount(0);
    await page.goto("/settings/audit");
    await expect(page.getByText("You don't have access to the audit log")).toBeVisible();
    await expect(page.getByTestId("audit-row")).toHaveCount(0);
    const csv = await page.request.get("/settings/audit/export");
    expect(csv.status()).toBe(403);
  });
}
