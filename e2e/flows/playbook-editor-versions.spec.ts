import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { DEMO, signIn, uniqueEmail } from "../fixtures";

const outlineItems = (page: Page) => page.getByRole("navigation", { name: "Outline" }).getByRole("listitem");
const axeViolations = async (page: Page) =>
  (await new AxeBuilder({ page }).include("main").analyze()).violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );

test("from a built-in: publish with the diff reviewed, open a version, restore it, simulate the draft, duplicate, archive; a rep sees the canvas read-only", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000); // a long flow; the shared machine is slow
  await signIn(page, DEMO.owner.email);
  await page.goto("/playbooks/new");
  await page.getByRole("button", { name: "Start from Inactivity nudge" }).click();
  await expect(page).toHaveURL(/\/playbooks\/[0-9a-f-]+\/edit$/);
  const editUrl = page.url();
  const pageUrl = editUrl.replace(/\/edit$/, "");
  await expect(page.getByRole("heading", { level: 1, name: "Edit Inactivity nudge" })).toBeVisible();
  await expect(outlineItems(page)).toHaveCount(4);

  // First publish: nothing live yet, every step is new.
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const review = page.getByRole("dialog", { name: "Publish the first version?" });
  await expect(review).toBeVisible();
  await expect(review.getByRole("list", { name: "Changes" }).getByRole("listitem")).toHaveCount(4);
  await review.getByRole("button", { name: "Confirm and publish" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Published as version 1" })).toBeVisible();

  // Keyboard only: add a wait after the last step, open the review, confirm.
  await page.getByRole("button", { name: /^Add a step after 4\./ }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Send email", exact: true })).toBeFocused();
  await page.getByRole("button", { name: "Wait", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(outlineItems(page)).toHaveCount(5);
  await page.getByRole("button", { name: "Publish", exact: true }).focus();
  await page.keyboard.press("Enter");
  const second = page.getByRole("dialog", { name: "Publish these changes to version 1?" });
  await expect(second).toBeVisible();
  await expect(second).toContainText("No runs are under way on version 1");
  await expect(second.getByRole("list", { name: "Changes" })).toContainText("Added Wait (wait-1)");
  await expect(second.getByRole("list", { name: "Changes" })).toContainText("next step: — → Wait (wait-1)");
  // Highlighted on the canvas: the new step and the one now leading to it.
  await expect(page.locator('.react-flow__node[data-id="wait-1"] [data-mark="added"]')).toBeVisible();
  await expect(page.locator('.react-flow__node[data-id="offer-10"] [data-mark="changed"]')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await second.getByRole("button", { name: "Confirm and publish" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "Published as version 2" })).toBeVisible();

  // Version 2 opens read-only with its changes since version 1; version 1 is restored as the draft.
  await page.goto(pageUrl);
  await page.getByRole("link", { name: "Version 2", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Inactivity nudge — version 2" })).toBeVisible();
  const versionUrl = page.url();
  await expect(page.getByRole("list", { name: "Changes" })).toContainText("Added Wait (wait-1)");
  await expect(page.locator('.react-flow__node[data-id="wait-1"] [data-mark="added"]')).toBeVisible();
  await expect(page.getByRole("button", { name: "Restore version 2 as draft" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.goto(pageUrl);
  await page.getByRole("link", { name: "Version 1", exact: true }).click();
  await expect(page.getByText("The first version")).toBeVisible();
  await page.getByRole("button", { name: "Restore version 1 as draft" }).click();
  await page.getByRole("button", { name: "Yes, make version 1 the draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Version 1 is now the draft" })).toBeVisible();
  await page.goto(editUrl);
  await expect(outlineItems(page)).toHaveCount(4);
  // Reviewing a publish of that draft: the wait version 2 added is drawn where it was, dashed, with its old connection.
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const third = page.getByRole("dialog", { name: "Publish these changes to version 2?" });
  await expect(third.getByRole("list", { name: "Changes" })).toContainText("Removed Wait (wait-1)");
  const ghost = page.locator('.react-flow__node[data-id="removed:wait-1"]');
  await expect(ghost.locator('[data-mark="removed"]')).toContainText("Removed");
  await expect(page.locator(".react-flow__edge.removed-edge")).toHaveCount(1);
  expect(await axeViolations(page)).toEqual([]);
  // It is a picture of the past: clicking it selects nothing.
  await ghost.click();
  await expect(page.getByRole("complementary", { name: "Step settings" })).not.toContainText("wait-1");
  await third.getByRole("button", { name: "Not now" }).click();
  await expect(ghost).toHaveCount(0);

  // Simulate the draft for a chosen customer.
  await page.getByRole("button", { name: "Simulate draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Simulate the draft of Inactivity nudge" })).toBeVisible();
  await page.getByLabel("Customer", { exact: true }).selectOption({ index: 1 });
  await page.getByRole("button", { name: "Simulate", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Timeline on the draft (version 3)" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Simulated timeline" }).getByRole("listitem").first()).toBeVisible();

  // Duplicate, then archive the copy (it has no runs).
  await page.goto(pageUrl);
  await page.getByRole("button", { name: "Duplicate Inactivity nudge" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit Copy of Inactivity nudge" })).toBeVisible();
  await expect(outlineItems(page)).toHaveCount(4);
  await page.goto(page.url().replace(/\/edit$/, ""));
  await page.getByRole("button", { name: "Archive Copy of Inactivity nudge" }).click();
  await page.getByRole("button", { name: "Yes, archive it" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Copy of Inactivity nudge is archived: it starts no runs." }),
  ).toBeVisible();

  // A rep: the same canvas, read-only — no palette, no settings panel, no publishing.
  const repCtx = await browser.newContext();
  const rep = await repCtx.newPage();
  await signIn(rep, DEMO.rep.email);
  await rep.goto(pageUrl);
  await rep.getByRole("link", { name: "View the steps on the canvas →" }).click();
  await expect(rep.getByRole("heading", { level: 1, name: "Steps of Inactivity nudge" })).toBeVisible();
  await expect(rep.getByText("live version 2")).toBeVisible();
  await expect(rep.locator(".react-flow__node")).toHaveCount(5);
  await expect(rep.getByRole("button", { name: /Publish|Undo|Add a step/ })).toHaveCount(0);
  await expect(rep.getByRole("complementary", { name: "Step settings" })).toHaveCount(0);
  // Steps are reachable with the keyboard and named for screen readers.
  await rep.locator('.react-flow__node[data-id="miss-you"]').focus();
  await rep.keyboard.press("Tab");
  await expect(rep.locator('.react-flow__node[data-id="wait-3d"]')).toBeFocused();
  expect(await axeViolations(rep)).toEqual([]);
  await repCtx.close();

  // Another organisation's owner: the canvas, the editor and the version read as not found.
  const otherCtx = await browser.newContext();
  const stranger = await otherCtx.newPage();
  await stranger.goto("/signup");
  await stranger.getByLabel("Business name").fill("Elsewhere Ltd");
  await stranger.getByLabel("Your name").fill("Else Where");
  await stranger.getByLabel("Email").fill(uniqueEmail("elsewhere"));
  await stranger.getByLabel("Password").fill("a-long-enough-password");
  await stranger.getByRole("button", { name: "Create organisation" }).click();
  await expect(stranger).toHaveURL("/");
  expect((await stranger.goto(editUrl))?.status()).toBe(404);
  expect((await stranger.goto(pageUrl))?.status()).toBe(404);
  expect((await stranger.goto(versionUrl))?.status()).toBe(404);
  await otherCtx.close();
});
