import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { DEMO, signIn } from "../fixtures";

const outlineItems = (page: Page) => page.getByRole("navigation", { name: "Outline" }).getByRole("listitem");
const status = (page: Page) => page.getByRole("toolbar", { name: "Editor" }).getByRole("status");

test("an owner creates a playbook, builds it with the outline and the keyboard, saves, reloads, publishes", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000); // a long flow; the shared machine is slow
  await signIn(page, DEMO.owner.email);
  await page.goto("/playbooks");
  await page.getByRole("link", { name: "New playbook" }).click();
  const name = `Editor flow ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Starts when").selectOption({ label: "Tag added" });
  await page.getByRole("button", { name: "Create and open the editor" }).click();
  await expect(page).toHaveURL(/\/playbooks\/[0-9a-f-]+\/edit$/);
  await expect(page.getByRole("heading", { level: 1, name: `Edit ${name}` })).toBeVisible();
  await expect(outlineItems(page)).toHaveCount(1);

  // Outline: add a send-email after the starter wait; the panel opens on it with the first template.
  await page.getByRole("button", { name: "Add a step after 1. Wait" }).click();
  await expect(page.getByRole("button", { name: "Send email", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(outlineItems(page)).toHaveCount(2);
  const settings = page.getByRole("form", { name: /Settings of Send email/ });
  await expect(settings.getByLabel("Template")).not.toHaveValue("");

  // Keyboard on the canvas: focus the new step, "a" adds after it, Tab to "Wait", Enter.
  await page.locator('.react-flow__node[data-id="send-email-1"]').focus();
  await page.keyboard.press("a");
  await expect(page.getByRole("button", { name: "Send email", exact: true })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Wait", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(outlineItems(page)).toHaveCount(3);
  await expect(outlineItems(page).nth(2)).toContainText("3. Wait");

  // The wait's settings: 2 days, applied through the form validated by the server's schema.
  const waitForm = page.getByRole("form", { name: /Settings of Wait \(wait-2\)/ });
  await waitForm.getByLabel("Wait for").fill("0");
  await expect(waitForm.getByRole("alert")).toBeVisible();
  await waitForm.getByLabel("Wait for").fill("2");
  await waitForm.getByRole("button", { name: "Apply" }).click();
  await expect(outlineItems(page).nth(2)).toContainText("2 days");
  // Accessibility with the settings panel open.
  const axePanel = await new AxeBuilder({ page }).include("main").analyze();
  expect(axePanel.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // Undo and redo with the keyboard (focus off any text box).
  await page.locator('.react-flow__node[data-id="wait-2"]').focus();
  await page.keyboard.press("Control+z");
  await expect(outlineItems(page).nth(2)).toContainText("1 days");
  await page.keyboard.press("Control+Shift+z");
  await expect(outlineItems(page).nth(2)).toContainText("2 days");

  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(status(page)).toContainText("Draft saved");
  await page.reload();
  await expect(outlineItems(page)).toHaveCount(3);
  await expect(outlineItems(page).nth(1)).toContainText("2. Send email");
  await expect(outlineItems(page).nth(2)).toContainText("2 days");

  // Tab moves through the steps in graph order; Enter opens one; Delete removes it; Ctrl+Z brings it back.
  const step = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
  await step("wait-1").focus();
  await page.keyboard.press("Tab");
  await expect(step("send-email-1")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(step("wait-2")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("form", { name: /Settings of Wait \(wait-2\)/ })).toBeVisible();
  await step("wait-2").focus();
  await page.keyboard.press("Delete");
  await expect(outlineItems(page)).toHaveCount(2);
  await expect(step("send-email-1")).toBeFocused();
  await page.keyboard.press("Control+z");
  await expect(outlineItems(page)).toHaveCount(3);
  await expect(outlineItems(page).nth(2)).toContainText("2 days");

  // Accessibility of the editor page.
  const axe = await new AxeBuilder({ page }).include("main").analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // A second tab on the same draft: its stale save is refused with the conflict message.
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expect(outlineItems(other)).toHaveCount(3);
  await page.getByRole("button", { name: "Add a step after 3. Wait" }).click();
  await page.getByRole("button", { name: "Exit", exact: true }).click();
  await expect(status(page)).toContainText("Unsaved changes");
  await expect(status(page)).toContainText("Draft saved");
  await other.getByRole("button", { name: "Add a step after 3. Wait" }).click();
  await other.getByRole("button", { name: "Add tag", exact: true }).click();
  await expect(other.getByRole("alert").filter({ hasText: "changed meanwhile" })).toBeVisible();
  await other.getByRole("button", { name: "Load the latest draft" }).click();
  await expect(outlineItems(other)).toHaveCount(4);
  await expect(outlineItems(other).nth(3)).toContainText("4. Exit");
  await other.close();

  // Publish: a new immutable version.
  await page.getByRole("button", { name: "Publish" }).click();
  await page.getByRole("button", { name: "Confirm and publish" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Published as version 1" })).toBeVisible();
  await page.goto(page.url().replace(/\/edit$/, ""));
  await expect(page.getByText("Version 1", { exact: true })).toBeVisible();

  // A rep is not offered editing: the same canvas, read-only.
  const repCtx = await browser.newContext();
  const rep = await repCtx.newPage();
  await signIn(rep, DEMO.rep.email);
  await rep.goto(page.url());
  await expect(rep.getByRole("link", { name: "Edit steps →" })).toHaveCount(0);
  await rep.goto(`${page.url()}/edit`);
  await expect(rep.getByRole("heading", { name: `Steps of ${name}` })).toBeVisible();
  await expect(rep.getByRole("button", { name: "Publish" })).toHaveCount(0);
  await repCtx.close();
});

test("an owner branches a playbook on segment conditions with the segment builder's field picker", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.owner.email);
  await page.goto("/playbooks");
  await page.getByRole("link", { name: "New playbook" }).click();
  const name = `Branch on conditions ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Starts when").selectOption({ label: "Tag added" });
  await page.getByRole("button", { name: "Create and open the editor" }).click();
  await expect(page).toHaveURL(/\/playbooks\/[0-9a-f-]+\/edit$/);

  await page.getByRole("button", { name: "Add a step after 1. Wait" }).click();
  await page.getByRole("button", { name: "Branch", exact: true }).click();
  const settings = page.getByRole("form", { name: /Settings of Branch/ });
  await settings
    .getByLabel("Condition", { exact: true })
    .selectOption({ label: "Matches conditions (like a segment)" });
  const criteria = settings.getByTestId("branch-criteria");
  await expect(criteria.getByRole("group", { name: "Top group" })).toBeVisible();
  // An unfinished condition is named, not silently dropped.
  await settings.getByRole("button", { name: "Apply" }).click();
  await expect(criteria.getByRole("alert")).toContainText("Choose a field");

  const picker = criteria.getByRole("combobox", { name: "Condition 1 field" });
  await picker.click();
  await picker.fill("City");
  await page.getByRole("option", { name: /^City/ }).first().click();
  await criteria.getByLabel("Condition 1 value").fill("Porto");
  await settings.getByRole("button", { name: "Apply" }).click();
  await expect(criteria.getByRole("alert")).toHaveCount(0);
  await expect(outlineItems(page).nth(1)).toContainText("matches 1 condition");

  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(status(page)).toContainText("Draft saved");
  await page.reload();
  await expect(outlineItems(page).nth(1)).toContainText("matches 1 condition");
  const axe = await new AxeBuilder({ page }).include("main").analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});

test("two tabs on one draft: the refused one keeps its steps as a copy, the other's draft stays", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.owner.email);
  await page.goto("/playbooks/new");
  const name = `Two tabs ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Starts when").selectOption({ label: "Tag added" });
  await page.getByRole("button", { name: "Create and open the editor" }).click();
  await expect(page).toHaveURL(/\/playbooks\/[0-9a-f-]+\/edit$/);
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expect(outlineItems(other)).toHaveCount(1);

  // The first tab adds an exit and it is saved; the second, still on the old revision, adds a tag.
  await page.getByRole("button", { name: "Add a step after 1. Wait" }).click();
  await page.getByRole("button", { name: "Exit", exact: true }).click();
  await expect(status(page)).toContainText("Draft saved");
  await other.getByRole("button", { name: "Add a step after 1. Wait" }).click();
  await other.getByRole("button", { name: "Add tag", exact: true }).click();
  const conflict = other.getByRole("alert").filter({ hasText: "changed meanwhile" });
  await expect(conflict).toContainText("keep yours as a copy");
  await conflict.getByRole("button", { name: "Keep mine as a copy" }).click();

  // The copy opens with the second tab's steps; the first tab's draft is untouched.
  await expect(other.getByRole("heading", { level: 1, name: `Edit Copy of ${name}` })).toBeVisible();
  await expect(outlineItems(other)).toHaveCount(2);
  await expect(outlineItems(other).nth(1)).toContainText("2. Add tag");
  await other.close();
  await page.reload();
  await expect(outlineItems(page)).toHaveCount(2);
  await expect(outlineItems(page).nth(1)).toContainText("2. Exit");
});
