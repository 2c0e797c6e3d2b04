import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO, signIn } from "../fixtures";

// The journey of e2e/later/playbook-journey.spec.ts (tag added → email → wait 2 days → branch on the
// open, yes: 15% code and an email, no: notify owner), built with the keyboard only: no click, no
// programmatic focus or fill. Tab and Shift+Tab move, Enter and Space press, arrows choose, keys type.
// Halfway through, the page is reloaded without saving by hand: the autosaved draft comes back.

/** Presses Tab (Shift+Tab when the target is above the focus) until `target` has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, max = 200) {
  await expect(target).toBeVisible();
  const backwards = await target.evaluate((el) => {
    const active = document.activeElement;
    if (!active || active === document.body) return false;
    return (active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING) !== 0;
  });
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  await expect(target).toBeFocused();
}

/** Chooses an option of a select with the arrow keys (by its label, or by its value). */
async function choose(page: Page, select: Locator, option: { label: string } | { value: string }) {
  await tabTo(page, select);
  const options = await select
    .locator("option")
    .evaluateAll((els) => els.map((o) => ({ label: o.textContent ?? "", value: (o as HTMLOptionElement).value })));
  const want = options.findIndex((o) => ("label" in option ? o.label === option.label : o.value === option.value));
  expect(want, `option ${JSON.stringify(option)}`).toBeGreaterThanOrEqual(0);
  const at = await select.evaluate((s) => (s as HTMLSelectElement).selectedIndex);
  for (let i = 0; i < Math.abs(want - at); i++) await page.keyboard.press(want > at ? "ArrowDown" : "ArrowUp");
  await expect(select).toHaveValue(options[want]!.value);
}

/** Replaces a field's text by typing. */
async function typeInto(page: Page, field: Locator, text: string) {
  await tabTo(page, field);
  await page.keyboard.press("Control+a");
  await page.keyboard.type(text);
}

const press = async (page: Page, target: Locator, key = "Enter") => {
  await tabTo(page, target);
  await page.keyboard.press(key);
};

const outline = (page: Page) => page.getByRole("navigation", { name: "Outline" });
const outlineItems = (page: Page) => outline(page).getByRole("listitem");
const palette = (page: Page, step: string) =>
  page.locator("section[aria-labelledby=palette-h]").getByRole("button", { name: step, exact: true });
const settings = (page: Page, title: string) =>
  page.getByRole("form", { name: new RegExp(`^Settings of ${title} \\(`) });
const status = (page: Page) => page.getByRole("toolbar", { name: "Editor" }).getByRole("status");

/** "+ after" on an outline item, then a step from the palette: its settings open with the focus in them. */
async function addAfter(page: Page, after: string, step: string) {
  await press(page, outline(page).getByRole("button", { name: `Add a step after ${after}`, exact: true }));
  await press(page, palette(page, step));
  const form = settings(page, step);
  await expect(form).toBeVisible();
  await expect(form.getByLabel("Name on the canvas (optional)")).toBeFocused();
  return form;
}

/** Apply keeps the focus on Apply, and the outline shows the step's new summary. */
async function apply(page: Page, form: Locator) {
  const button = form.getByRole("button", { name: "Apply" });
  await press(page, button);
  await expect(form.getByRole("button", { name: "Apply" })).toBeFocused();
}

test("an owner builds the journey with the keyboard only, reloads mid-edit without saving by hand, and publishes", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, DEMO.owner.email);
  await page.goto("/playbooks");
  await press(page, page.getByRole("link", { name: "New playbook" }));
  const name = `Keyboard journey ${Date.now()}`;
  await typeInto(page, page.getByLabel("Name"), name);
  await choose(page, page.getByLabel("Starts when"), { label: "Tag added" });
  await press(page, page.getByRole("button", { name: "Create and open the editor" }));
  await expect(page.getByRole("heading", { level: 1, name: `Edit ${name}` })).toBeVisible();
  await expect(outlineItems(page)).toHaveCount(1);

  // The first email, transactional; then the starter wait goes.
  const first = await addAfter(page, "1. Wait", "Send email");
  await choose(page, first.getByLabel("Template"), { label: "Welcome" });
  await choose(page, first.getByLabel("Category"), { value: "transactional" });
  await apply(page, first);
  await press(page, outline(page).getByRole("button", { name: "Delete 1. Wait", exact: true }));
  await expect(outlineItems(page)).toHaveCount(1);
  await expect(outlineItems(page).first()).toContainText("1. Send email");

  const wait = await addAfter(page, "1. Send email", "Wait");
  await typeInto(page, wait.getByLabel("Wait for"), "2");
  await choose(page, wait.getByLabel("Unit"), { value: "days" });
  await apply(page, wait);
  await expect(outlineItems(page).nth(1)).toContainText("2 days");

  const branch = await addAfter(page, "2. Wait", "Branch");
  await choose(page, branch.getByLabel("Condition"), { label: "Opened the previous email" });
  await apply(page, branch);

  // Mid-edit, nothing saved by hand: the draft autosaves within a second, and a reload brings it back.
  await expect(status(page)).toContainText("Draft saved");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: `Edit ${name}` })).toBeVisible();
  await expect(outlineItems(page)).toHaveCount(3);
  await expect(outlineItems(page).nth(1)).toContainText("2 days");
  await expect(outlineItems(page).nth(2)).toContainText("3. Branch");

  // Publishing now is refused (the branch's outputs lead nowhere), and the focus goes to the branch.
  await press(page, page.getByRole("button", { name: "Publish", exact: true }));
  await expect(page.getByRole("alert").filter({ hasText: "Publishing is blocked" })).toBeVisible();
  await expect(page.locator('.react-flow__node[data-id="branch-1"]')).toBeFocused();

  const discount = await addAfter(page, "3. Branch (Yes)", "Discount code");
  await choose(page, discount.getByLabel("Kind"), { value: "percent" });
  await typeInto(page, discount.getByLabel("Value (% or minor units)"), "15");
  await apply(page, discount);
  const offer = await addAfter(page, "4. Discount code", "Send email");
  await choose(page, offer.getByLabel("Template"), { label: "We miss you (discount)" });
  await choose(page, offer.getByLabel("Category"), { value: "transactional" });
  await apply(page, offer);

  const notify = await addAfter(page, "3. Branch (No)", "Notify owner");
  await typeInto(page, notify.getByLabel("Title"), `No open yet (${name})`);
  await typeInto(page, notify.getByLabel("Message"), "{{contact.first_name}} has not opened the welcome email.");
  // "Also by email" starts ticked: Space clears it and ticks it again.
  const byEmail = notify.getByLabel("Also by email");
  await expect(byEmail).toBeChecked();
  await press(page, byEmail, "Space");
  await expect(byEmail).not.toBeChecked();
  await page.keyboard.press("Space");
  await expect(byEmail).toBeChecked();
  await apply(page, notify);

  // The outline reads the journey back: each step and where it hangs.
  await expect(outlineItems(page)).toHaveCount(6);
  const journey: [step: string, via: string][] = [
    ["Send email", "first step"],
    ["Wait", "after Send email"],
    ["Branch", "after Wait"],
    ["Discount code", "after Branch (Yes)"],
    ["Send email", "after Discount code"],
    ["Notify owner", "after Branch (No)"],
  ];
  for (const [step, via] of journey)
    await expect(
      outlineItems(page).filter({ hasText: new RegExp(`\\d\\. ${step}[\\s\\S]*${via.replace(/[()]/g, "\\$&")}`) }),
    ).toHaveCount(1);
  await expect(outline(page).getByText(/to fix/)).toHaveCount(0);

  // Publish: the review takes the focus; Enter on "Confirm and publish".
  await press(page, page.getByRole("button", { name: "Publish", exact: true }));
  await expect(page.getByRole("heading", { name: "Publish the first version?" })).toBeFocused();
  await press(page, page.getByRole("button", { name: "Confirm and publish" }));
  await expect(page.getByRole("alert").filter({ hasText: "Published as version 1" })).toBeVisible();
});
