import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "../fixtures";

const STAGES = ["New", "MQL", "SQL", "Opportunity", "Won", "Lost"];
const column = (page: Page, stage: string) => page.locator(`[data-testid="board-column"][data-stage="${stage}"]`);

test.use({ viewport: { width: 1440, height: 900 }, timezoneId: "America/New_York" });
// axe and the board are slow on a loaded machine; nothing here asserts a duration.
test.describe.configure({ timeout: 120_000 });

test("at 1440×900 the board shows all six columns without scrolling", async ({ page }) => {
  await signIn(page, DEMO.owner.email);
  await page.goto("/leads");
  await expect(column(page, "New")).toBeVisible();
  for (const stage of STAGES) {
    const box = (await column(page, stage).boundingBox())!;
    expect(box.x, `${stage} starts on screen`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${stage} ends on screen`).toBeLessThanOrEqual(1440);
    expect(box.width, `${stage} keeps a readable width`).toBeGreaterThanOrEqual(170);
  }
  const board = page.getByTestId("board");
  expect(await board.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
});

test("keyboard only: skip to the board, move a card, see where it lands, focus comes back to it", async ({ page }) => {
  await signIn(page, DEMO.owner.email);
  await page.goto("/leads");
  await expect(column(page, "New")).toBeVisible();
  // Skip link of the layout, then the page's own skip link to the board.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to the board" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("board")).toBeFocused();
  // The first column's quick add, then the first card's move handle.
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Quick add to New")).toBeFocused();
  await page.keyboard.press("Tab");
  const card = column(page, "New").getByTestId("lead-card").first();
  const id = (await card.getAttribute("data-lead-id"))!;
  const handle = card.getByRole("button", { name: /^Move / });
  await expect(handle).toBeFocused();
  const title = (await handle.getAttribute("aria-label"))!.replace(/^Move /, "");

  const announcement = page.getByRole("status").filter({ hasText: title });
  await page.keyboard.press("Space");
  await expect(announcement).toHaveText(/Picked up|is over New/);
  const second = page.getByTestId("board-column").nth(1);
  const secondName = (await second.getAttribute("data-stage"))!;
  await page.keyboard.press("ArrowRight");
  await expect(announcement).toContainText(`is over ${secondName}`);
  // While moving, the target column shows where the card will land.
  await expect(second.getByTestId("drop-preview")).toContainText(title);
  await expect(column(page, "New").getByTestId("drop-preview")).toHaveCount(0);
  await page.keyboard.press("Space");
  const moved = second.locator(`[data-lead-id="${id}"]`);
  await expect(moved).toBeVisible();
  await expect(page.getByTestId("drop-preview")).toHaveCount(0);
  await expect(moved.getByRole("button", { name: `Move ${title}` })).toBeFocused();
});

test("a lead has its own URL, links to its customer, logs a note, and Esc gives focus back", async ({ page }) => {
  await signIn(page, DEMO.rep.email);
  await page.goto("/leads");
  const card = page
    .locator('[data-testid="lead-card"][data-has-customer="yes"]')
    .filter({ hasText: DEMO.rep.name })
    .first();
  const id = (await card.getAttribute("data-lead-id"))!;
  const opener = card.locator(`[data-lead-opener="${id}"]`);
  await opener.click();
  await expect(page).toHaveURL(new RegExp(`[?&]lead=${id}`));
  const panel = page.getByRole("dialog");
  await expect(panel.getByRole("button", { name: "Save lead" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(panel).toHaveCount(0);
  await expect(page).not.toHaveURL(/lead=/);
  await expect(opener).toBeFocused();

  // Opened straight from its URL, e.g. a link someone shared.
  await page.goto(`/leads?lead=${id}`);
  await expect(page.getByRole("dialog").getByRole("button", { name: "Save lead" })).toBeVisible();
  const customer = page.getByTestId("lead-customer-link");
  await page.getByText("Add a note").click();
  const body = `From the lead panel ${Date.now()}`;
  await page.getByLabel("New note").fill(body);
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByText("Note added.")).toBeVisible();
  await customer.click();
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}/);
  await expect(page.getByText(body).first()).toBeVisible();
});

test("staff read leads: no checkboxes, no bulk bar, no move handles, no edit buttons", async ({ page }) => {
  await signIn(page, DEMO.staff.email);
  await page.goto("/leads");
  await expect(column(page, "New").getByTestId("lead-card").first()).toBeVisible();
  await expect(page.getByTestId("board").getByRole("checkbox")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Bulk actions" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Move / })).toHaveCount(0);
  await expect(page.getByLabel(/^Quick add to/)).toHaveCount(0);
  await column(page, "New").getByTestId("lead-card").first().locator("[data-lead-opener]").click();
  const panel = page.getByRole("dialog");
  await expect(panel.getByText("Your role can read leads but not change them.")).toBeVisible();
  await expect(panel.getByRole("button", { name: "Save lead" })).toHaveCount(0);
  await expect(panel.getByLabel("Title", { exact: true })).toBeDisabled();
});

test("an owner's bulk Move asks first, and Cancel leaves the cards where they were", async ({ page }) => {
  await signIn(page, DEMO.owner.email);
  await page.goto("/leads");
  const cards = column(page, "New").getByTestId("lead-card");
  const id = (await cards.first().getAttribute("data-lead-id"))!;
  await page.locator(`[data-lead-id="${id}"]`).getByRole("checkbox").check();
  await page.getByLabel("Move selected to").selectOption({ label: "SQL" });
  const confirm = page.getByRole("alertdialog", { name: "Confirm move" });
  await expect(confirm).toContainText("Move 1 lead to SQL?");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(column(page, "New").locator(`[data-lead-id="${id}"]`)).toBeVisible();
  await page.getByLabel("Move selected to").selectOption({ label: "SQL" });
  await page.getByRole("alertdialog", { name: "Confirm move" }).getByRole("button", { name: "Yes, move" }).click();
  await expect(column(page, "SQL").locator(`[data-lead-id="${id}"]`)).toBeVisible();
});

for (const who of ["owner", "rep", "staff"] as const) {
  test(`axe-core finds no serious or critical problem on the leads page (${who})`, async ({ page }) => {
    await signIn(page, DEMO[who].email);
    await page.goto("/leads");
    await expect(column(page, "New").getByTestId("lead-card").first()).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(" ")} — ${v.help}`)).toEqual([]);
  });
}
