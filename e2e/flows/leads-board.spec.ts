import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO, signIn } from "../fixtures";

const column = (page: Page, stage: string) => page.locator(`[data-testid="board-column"][data-stage="${stage}"]`);
const cardIn = (page: Page, stage: string, id: string) => column(page, stage).locator(`[data-lead-id="${id}"]`);

async function firstCard(page: Page, stage: string) {
  const card = column(page, stage).getByTestId("lead-card").first();
  await expect(card).toBeVisible();
  return { card, id: (await card.getAttribute("data-lead-id"))! };
}

async function mouseDrag(page: Page, handle: Locator, target: Locator) {
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 10, from.y + 10, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + 10, { steps: 15 });
  await page.mouse.move(to.x + to.width / 2, to.y + 12, { steps: 3 });
  await page.mouse.up();
}

test.beforeEach(async ({ page }) => {
  await signIn(page, DEMO.owner.email);
  await page.goto("/leads");
  await expect(column(page, "New")).toBeVisible();
});

test("drags a card to another column with the mouse, and it stays there after a reload", async ({ page }) => {
  const { card, id } = await firstCard(page, "New");
  const target = column(page, "SQL").getByTestId("lead-card").first();
  const before = Number(await column(page, "SQL").getByTestId("column-count").innerText());
  await mouseDrag(page, card.getByRole("button", { name: /^Move / }), target);
  await expect(cardIn(page, "SQL", id)).toBeVisible();
  await expect(column(page, "SQL").getByTestId("column-count")).toHaveText(String(before + 1));
  await page.reload();
  await expect(cardIn(page, "SQL", id)).toBeVisible();
  await expect(cardIn(page, "New", id)).toHaveCount(0);
});

test("drags a card to another column with the keyboard, and it stays there after a reload", async ({ page }) => {
  const { card, id } = await firstCard(page, "New");
  const title = (await card.getByRole("button", { name: /^Move / }).getAttribute("aria-label"))!.replace(/^Move /, "");
  const announcement = page.getByRole("status").filter({ hasText: title });
  await card.getByRole("button", { name: /^Move / }).focus();
  await page.keyboard.press("Space");
  await expect(announcement).toHaveText(/Picked up|is over New/);
  await page.keyboard.press("ArrowRight");
  await expect(announcement).toContainText("is over MQL");
  await page.keyboard.press("Space");
  await expect(cardIn(page, "MQL", id)).toBeVisible();
  await page.reload();
  await expect(cardIn(page, "MQL", id)).toBeVisible();
});

test("asks for the required fields before a card enters Lost or Won", async ({ page }) => {
  const { card, id } = await firstCard(page, "New");
  await mouseDrag(
    page,
    card.getByRole("button", { name: /^Move / }),
    column(page, "Lost").getByTestId("lead-card").first(),
  );
  const dialog = page.getByRole("dialog", { name: "Before moving to Lost" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Move to Lost" }).click();
  await expect(dialog.getByText("Lost reason is required to enter Lost")).toBeVisible();
  // Reasons come from the organisation's list; Other asks for a note.
  await dialog.getByLabel("Lost reason").selectOption("Other");
  await dialog.getByRole("button", { name: "Move to Lost" }).click();
  await expect(dialog.getByText("Note: say what happened when the reason is Other")).toBeVisible();
  await dialog.getByLabel("What happened").fill("Chose a cheaper supplier");
  await dialog.getByRole("button", { name: "Move to Lost" }).click();
  await expect(cardIn(page, "Lost", id)).toBeVisible();
  await page.reload();
  await expect(cardIn(page, "Lost", id)).toBeVisible();

  // A lead without a value must get one before it can be won.
  const title = `Walk-in ${Date.now()}`;
  await column(page, "SQL").getByLabel("Quick add to SQL").fill(title);
  await column(page, "SQL").getByLabel("Quick add to SQL").press("Enter");
  const added = column(page, "SQL").getByTestId("lead-card").filter({ hasText: title });
  await expect(added).toBeVisible();
  // SQL → Opportunity → Won with the keyboard (the board has scrolled sideways since the last drag).
  // Each key waits for dnd-kit's announcement, so a fast keyboard never outruns the drag.
  const announcement = page.getByRole("status").filter({ hasText: title });
  await added.getByRole("button", { name: /^Move / }).focus();
  await page.keyboard.press("Space");
  await expect(announcement).toHaveText(/Picked up|is over SQL/);
  await page.keyboard.press("ArrowRight");
  await expect(announcement).toContainText("is over Opportunity");
  await page.keyboard.press("ArrowRight");
  await expect(announcement).toContainText("is over Won");
  await page.keyboard.press("Space");
  const won = page.getByRole("dialog", { name: "Before moving to Won" });
  await won.getByLabel("Value").fill("-20");
  await won.getByRole("button", { name: "Move to Won" }).click();
  await expect(won.getByText("Value can't be negative")).toBeVisible();
  await won.getByLabel("Value").fill("950");
  await won.getByRole("button", { name: "Move to Won" }).click();
  await expect(column(page, "Won").getByTestId("lead-card").filter({ hasText: title })).toBeVisible();
});

test("refuses a negative value and an unknown stage, naming the field", async ({ page }) => {
  const { card } = await firstCard(page, "MQL");
  await card
    .getByRole("button", { name: /^(?!Move )/ })
    .first()
    .click();
  const panel = page.getByRole("dialog");
  await expect(panel.getByRole("button", { name: "Save lead" })).toBeVisible();
  await expect(panel.getByText(/^Why \d+\?$/)).toBeVisible();
  await panel.getByLabel("Value").fill("-100");
  await panel.getByRole("button", { name: "Save lead" }).click();
  await expect(panel.getByText("Value can't be negative")).toBeVisible();

  await panel.getByLabel("Value").fill("100");
  // A stage that is not in this pipeline, as a tampered request would send it.
  await panel.getByLabel("Stage").evaluate((select: HTMLSelectElement) => {
    const option = select.options[0]!;
    option.value = "00000000-0000-4000-8000-000000000000";
    select.value = option.value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  });
  await panel.getByRole("button", { name: "Save lead" }).click();
  await expect(panel.getByText("Stage: choose a stage of this pipeline")).toBeVisible();
});

test("a refused move puts the card back and says why", async ({ page, browser }) => {
  const { card, id } = await firstCard(page, "New");
  // Someone else deletes the lead while this board still shows it.
  const other = await browser.newPage();
  await signIn(other, DEMO.owner.email);
  await other.goto("/leads");
  await other.locator(`[data-lead-id="${id}"]`).getByRole("checkbox").check();
  await other.getByRole("button", { name: "Delete…" }).click();
  await other.getByRole("button", { name: "Yes, delete" }).click();
  await expect(other.locator(`[data-lead-id="${id}"]`)).toHaveCount(0);
  await other.close();

  await mouseDrag(
    page,
    card.getByRole("button", { name: /^Move / }),
    column(page, "SQL").getByTestId("lead-card").first(),
  );
  await expect(
    page.getByRole("alert").filter({ hasText: "The card went back: That lead was not found." }),
  ).toBeVisible();
  await expect(cardIn(page, "New", id)).toBeVisible();
  await expect(cardIn(page, "SQL", id)).toHaveCount(0);
});

test("drags several selected cards at once", async ({ page }) => {
  const cards = column(page, "MQL").getByTestId("lead-card");
  const ids = [(await cards.nth(0).getAttribute("data-lead-id"))!, (await cards.nth(1).getAttribute("data-lead-id"))!];
  for (const id of ids) await page.locator(`[data-lead-id="${id}"]`).getByRole("checkbox").check();
  await expect(page.getByText("2 selected")).toBeVisible();
  await mouseDrag(
    page,
    cards.nth(0).getByRole("button", { name: /^Move / }),
    column(page, "SQL").getByTestId("lead-card").first(),
  );
  for (const id of ids) await expect(cardIn(page, "SQL", id)).toBeVisible();
  await page.reload();
  for (const id of ids) await expect(cardIn(page, "SQL", id)).toBeVisible();
});

test("links a lead to a customer from the panel", async ({ page }) => {
  const { card, id } = await firstCard(page, "SQL");
  await card
    .getByRole("button", { name: /^(?!Move )/ })
    .first()
    .click();
  const panel = page.getByRole("dialog");
  await panel.getByPlaceholder("Search customers by name, email or company").fill("a");
  const picker = panel.getByLabel("Linked contact");
  await expect(picker.locator("option").nth(1)).toBeAttached();
  const chosen = (await picker.locator("option").nth(1).getAttribute("value"))!;
  await picker.selectOption(chosen);
  await panel.getByRole("button", { name: "Save lead" }).click();
  await expect(panel.getByText("Lead saved.")).toBeVisible();
  // The open lead is in the URL (?lead=<id>), so a reload reopens the same panel.
  await expect(page).toHaveURL(new RegExp(`[?&]lead=${id}`));
  await page.reload();
  await expect(page.getByRole("dialog").getByLabel("Linked contact")).toHaveValue(chosen);
});
