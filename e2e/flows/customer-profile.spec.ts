import { expect, test } from "@playwright/test";
import { DEMO, signIn, signOut } from "../fixtures";

test("a rep logs a call with a follow-up, pins a note, sees both on the timeline and completes the follow-up", async ({
  page,
}) => {
  const suffix = `${Date.now()}`;
  const firstName = `Zed <script>window.__xss=1</script>`;
  const lastName = `E2E${suffix}`;
  // "Due today" is the demo organisation's calendar day (America/New_York), not UTC's.
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York" }).format(new Date());
  const task = `Call back with prices ${suffix}`;

  await signIn(page, DEMO.rep.email);
  await page.goto("/customers");
  await page.getByRole("button", { name: "New customer" }).click();
  await page.getByLabel("First name").fill(firstName);
  await page.getByLabel("Last name").fill(lastName);
  await page.getByRole("button", { name: "Add customer" }).click();
  await page.waitForURL(/\/customers\/[0-9a-f-]{36}/);
  // The script in the name is shown as text, never run.
  await expect(page.getByTestId("customer-name")).toHaveText(`${firstName} ${lastName}`);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  const log = page.getByRole("form", { name: "Log an interaction" });
  await log.getByLabel("Type").selectOption("call");
  await log.getByLabel("Subject").fill("Asked about prices");
  await log.getByLabel("Follow-up required").check();
  await log.getByLabel("Follow up on").fill(today);
  await log.getByLabel("Follow-up task").fill(task);
  await log.getByRole("button", { name: "Log interaction" }).click();
  await expect(page.getByText("Interaction logged.")).toBeVisible();

  const note = page.getByRole("form", { name: "Add a note" });
  await note.getByLabel("New note").fill("**Prefers** mornings <img src=x onerror=alert(1)>");
  await note.getByLabel("Pin to the top").check();
  await note.getByRole("button", { name: "Add note" }).click();
  const pinned = page.getByTestId("pinned-note");
  await expect(pinned).toContainText("Prefers mornings <img src=x onerror=alert(1)>");
  await expect(pinned.locator("strong")).toHaveText("Prefers");
  // An unpinned private note is listed too, after the pinned one, and marked as the author's alone.
  await note.getByLabel("New note").fill("Only mine: budget is tight");
  await note.getByLabel("Private (only you can see it)").check();
  await note.getByRole("button", { name: "Add note" }).click();
  const notes = page.getByRole("list", { name: "Notes" }).getByRole("listitem");
  await expect(notes).toHaveCount(2);
  await expect(notes.nth(0)).toContainText("Prefers mornings");
  await expect(notes.nth(1)).toContainText("Only mine: budget is tight");
  await expect(notes.nth(1)).toContainText("Private: only you see it");

  const timeline = page.getByRole("list", { name: "Timeline entries" });
  await expect(timeline.getByTestId("timeline-entry").filter({ hasText: "Call — Asked about prices" })).toBeVisible();
  await expect(timeline.getByTestId("timeline-entry").filter({ hasText: "Pinned note" })).toContainText(
    "Prefers mornings",
  );
  await expect(timeline.getByTestId("timeline-entry").filter({ hasText: `Follow-up planned: ${task}` })).toBeVisible();

  await page.getByRole("link", { name: "My follow-ups" }).first().click();
  const dueToday = page.getByRole("list", { name: "Due today" });
  await expect(dueToday).toContainText(task);
  await dueToday.getByRole("button", { name: `Mark “${task}” done` }).click();
  await expect(page.getByText(task)).toHaveCount(0);

  await page.goBack();
  await page.reload();
  await expect(
    page
      .getByRole("list", { name: "Timeline entries" })
      .getByTestId("timeline-entry")
      .filter({ hasText: `Follow-up done: ${task}` }),
  ).toBeVisible();

  // Filtering the timeline to notes leaves the note only.
  await page.getByRole("link", { name: "Notes", exact: true }).click();
  await expect(page.getByTestId("timeline-entry")).toHaveCount(2); // the pinned note and the private one

  // Reps cannot delete customers; the owner can, after confirming (this also leaves Demo Co at 300).
  const profileUrl = page.url().split("?")[0]!;
  await expect(page.getByRole("button", { name: "Delete customer" })).toHaveCount(0);
  await signOut(page);
  await signIn(page, DEMO.owner.email);
  await page.goto(profileUrl);
  await page.getByRole("button", { name: "Delete customer" }).click();
  await page.getByRole("button", { name: "Yes, delete" }).click();
  await page.waitForURL(/\/customers$/);
  expect((await page.goto(profileUrl))?.status()).toBe(404);
});
