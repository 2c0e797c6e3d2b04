import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "../fixtures";

const column = (page: Page, stage: string) => page.locator(`[data-testid="board-column"][data-stage="${stage}"]`);

test("filters live in the URL and survive a reload; the list view sorts and pages", async ({ page }) => {
  await signIn(page, DEMO.rep.email);
  await page.goto("/leads");
  await page.getByLabel("Owner").selectOption("me");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/owner=me/);
  await page.reload();
  await expect(page.getByLabel("Owner")).toHaveValue("me");
  const owners = await page.getByTestId("lead-card").locator("span.truncate").allInnerTexts();
  expect(owners.length).toBeGreaterThan(0);
  expect(new Set(owners)).toEqual(new Set([DEMO.rep.name]));

  await page.getByRole("link", { name: "List" }).click();
  await expect(page).toHaveURL(/view=list/);
  await expect(page).toHaveURL(/owner=me/);
  await page.getByRole("link", { name: /^Value/ }).click();
  await expect(page.getByRole("columnheader", { name: /Value/ })).toHaveAttribute("aria-sort", "descending");
  const values = await page.getByTestId("lead-row").locator("td:nth-child(3)").allInnerTexts();
  const numbers = values.map((v) => Number(v.replace(/[^\d.]/g, "")));
  expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page.getByText(/page 2 of/)).toBeVisible();
});

test("a rep cannot move another rep's card, and bulk delete asks first", async ({ page }) => {
  await signIn(page, DEMO.rep.email);
  await page.goto("/leads");
  const ownersCard = page.getByTestId("lead-card").filter({ hasText: DEMO.owner.name }).first();
  await expect(ownersCard).toBeVisible();
  await expect(ownersCard.getByRole("button", { name: /^Move / })).toHaveCount(0);

  const mine = column(page, "New").getByTestId("lead-card").filter({ hasText: DEMO.rep.name }).first();
  const id = (await mine.getAttribute("data-lead-id"))!;
  await mine.getByRole("checkbox").check();
  const bar = page.getByRole("region", { name: "Bulk actions" });
  await expect(bar.getByText("1 selected")).toBeVisible();
  await bar.getByRole("button", { name: "Delete…" }).click();
  await bar.getByRole("button", { name: "Keep them" }).click();
  await expect(page.locator(`[data-lead-id="${id}"]`)).toHaveCount(1);
  await bar.getByRole("button", { name: "Delete…" }).click();
  await bar.getByRole("button", { name: "Yes, delete" }).click();
  await expect(page.locator(`[data-lead-id="${id}"]`)).toHaveCount(0);
  await page.reload();
  await expect(page.locator(`[data-lead-id="${id}"]`)).toHaveCount(0);
});

test("an owner renames, adds and deletes stages, moving the leads", async ({ page }) => {
  await signIn(page, DEMO.owner.email);
  await page.goto("/settings/pipeline");
  const sql = page.getByTestId("stage-row").nth(2);
  await sql.getByLabel("Stage 3 name").fill("Sales qualified");
  await sql.getByLabel("WIP limit").fill("1");
  await sql.getByRole("button", { name: "Save SQL" }).click();
  await expect(page.getByText("Sales qualified saved.")).toBeVisible();
  const add = page.getByRole("group", { name: "Add a stage" });
  await add.getByLabel("Add a stage name").fill("Demo booked");
  await add.getByLabel("WIP limit").fill("1");
  await page.getByRole("button", { name: "Add stage" }).click();
  await expect(page.getByText("Demo booked added.")).toBeVisible();
  await page.getByLabel("Add a stage name").fill("MQL");
  await page.getByRole("button", { name: "Add stage" }).click();
  await expect(page.getByText("Name: there is already a stage called MQL")).toBeVisible();

  await page.getByRole("button", { name: "Delete MQL…" }).click();
  await page
    .getByRole("group", { name: "Delete MQL" })
    .getByLabel("Move its leads to")
    .selectOption({ label: "Sales qualified" });
  await page.getByRole("button", { name: "Delete MQL", exact: true }).click();
  await expect(page.getByText("MQL deleted.")).toBeVisible();

  await page.goto("/leads");
  await expect(column(page, "MQL")).toHaveCount(0);
  await expect(column(page, "Demo booked")).toBeVisible();
  await expect(column(page, "Sales qualified").getByTestId("column-count")).not.toHaveText("0");
  await expect(column(page, "Sales qualified").getByText("Over the WIP limit of 1")).toBeVisible();
  // New rots after 7 days; the demo has cards that have sat longer.
  await expect(
    column(page, "New")
      .getByText(/^\d+ days in stage$/)
      .first(),
  ).toBeVisible();
});

test("a rep reads the pipeline settings but cannot change them", async ({ page }) => {
  await signIn(page, DEMO.rep.email);
  await page.goto("/settings/pipeline");
  await expect(page.getByText("Only owners can change the pipeline and scoring.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add stage" })).toHaveCount(0);
});

test("a staff member sees the board but cannot move or add leads", async ({ page }) => {
  await signIn(page, DEMO.staff.email);
  await page.goto("/leads");
  await expect(column(page, "New").getByTestId("lead-card").first()).toBeVisible();
  await expect(page.getByRole("button", { name: /^Move / })).toHaveCount(0);
  await expect(page.getByLabel("Quick add to New")).toHaveCount(0);
});

test("at 390 px the board scrolls sideways inside itself and the lead panel fits", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, DEMO.rep.email);
  await page.goto("/leads");
  await expect(column(page, "New")).toBeVisible();
  // Off-screen columns (and their screen-reader-only labels) must not widen the page itself.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "test-results/leads-390.png" });
  await column(page, "New")
    .getByTestId("lead-card")
    .first()
    .getByRole("button", { name: /^(?!Move )/ })
    .first()
    .click();
  const panel = page.getByRole("dialog");
  await expect(panel.getByText(/^Why \d+\?$/)).toBeVisible();
  const box = (await panel.boundingBox())!;
  expect(box.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "test-results/leads-390-panel.png" });
});

test("bulk move into Lost asks for the lost reason once for all selected leads", async ({ page }) => {
  await signIn(page, DEMO.owner.email);
  await page.goto("/leads");
  const cards = column(page, "New").getByTestId("lead-card");
  const ids = [(await cards.nth(0).getAttribute("data-lead-id"))!, (await cards.nth(1).getAttribute("data-lead-id"))!];
  for (const id of ids) await page.locator(`[data-lead-id="${id}"]`).getByRole("checkbox").check();
  await page.getByLabel("Move selected to").selectOption({ label: "Lost" });
  await page.getByRole("alertdialog", { name: "Confirm move" }).getByRole("button", { name: "Yes, move" }).click();
  const dialog = page.getByRole("dialog", { name: "Before moving to Lost" });
  await dialog.getByLabel("Lost reason").selectOption("No budget");
  await dialog.getByRole("button", { name: "Move to Lost" }).click();
  for (const id of ids) await expect(column(page, "Lost").locator(`[data-lead-id="${id}"]`)).toBeVisible();
});
