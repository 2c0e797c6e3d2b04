import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "../fixtures";
import { executorClock } from "./clock";

// Built with the mouse on the canvas, published, a customer enrolled, then the executor clock moved
// two days on (this is why it runs in the "later" project): the emails in the outbox show the path.

/**
 * Minutes from `now` to the next Monday–Wednesday 10:00 in Paris (the demo's zone): quiet hours
 * apply to every send, transactional ones too, and settings.spec.ts adds weekends to them, so the
 * run starts in working hours and its branch, two days on, is judged on a weekday too.
 */
function minutesToWorkingMorning(now: Date): number {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Paris",
    weekday: "short",
    hour: "numeric",
    minute: "numeric",
    hourCycle: "h23",
  });
  for (let m = 1; m < 8 * 24 * 60; m++) {
    const at = Object.fromEntries(
      parts.formatToParts(new Date(now.getTime() + m * 60_000)).map((p) => [p.type, p.value]),
    );
    if (["Mon", "Tue", "Wed"].includes(at.weekday!) && at.hour === "10" && at.minute === "00") return m;
  }
  throw new Error("no working morning within a week");
}

const settings = (page: Page, title: string) => page.getByRole("form", { name: new RegExp(`Settings of ${title}`) });
/** Clicks the "+" under a step on the canvas, then a step in the palette. */
async function addAfter(page: Page, after: string, step: string) {
  await page
    .locator(".react-flow")
    .getByRole("button", { name: `Add a step after ${after}`, exact: true })
    .click();
  await page.getByRole("button", { name: step, exact: true }).click();
}

test("an owner builds tag added → email → wait 2 days → branch on the open (yes: 15% code, no: notify owner) with the mouse, publishes, enrols a customer and sees the path in the outbox", async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  await signIn(page, DEMO.owner.email);
  await page.goto("/playbooks");
  await page.getByRole("link", { name: "New playbook" }).click();
  const name = `Journey ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Starts when").selectOption({ label: "Tag added" });
  await page.getByRole("button", { name: "Create and open the editor" }).click();
  await expect(page).toHaveURL(/\/playbooks\/[0-9a-f-]+\/edit$/);
  const editorUrl = page.url();

  // The first email, transactional so that the frequency cap leaves it alone; then the starter wait goes.
  await addAfter(page, "Wait", "Send email");
  const first = settings(page, "Send email");
  await first.getByLabel("Template").selectOption({ label: "Welcome" });
  await first.getByLabel("Category").selectOption("transactional");
  await first.getByRole("button", { name: "Apply" }).click();
  await page.getByRole("button", { name: "Delete 1. Wait" }).click();

  await addAfter(page, "Send email", "Wait");
  const wait = settings(page, "Wait");
  await wait.getByLabel("Wait for").fill("2");
  await wait.getByLabel("Unit").selectOption("days");
  await wait.getByRole("button", { name: "Apply" }).click();

  await addAfter(page, "Wait", "Branch");
  const branch = settings(page, "Branch");
  await branch.getByLabel("Condition").selectOption({ label: "Opened the previous email" });
  await branch.getByRole("button", { name: "Apply" }).click();

  await addAfter(page, "Branch (Yes)", "Discount code");
  const discount = settings(page, "Discount code");
  await discount.getByLabel("Kind").selectOption("percent");
  await discount.getByLabel("Value (% or minor units)").fill("15");
  await discount.getByRole("button", { name: "Apply" }).click();
  await addAfter(page, "Discount code", "Send email");
  const offer = settings(page, "Send email");
  await offer.getByLabel("Template").selectOption({ label: "We miss you (discount)" });
  await offer.getByLabel("Category").selectOption("transactional");
  await offer.getByRole("button", { name: "Apply" }).click();

  await addAfter(page, "Branch (No)", "Notify owner");
  const notify = settings(page, "Notify owner");
  const title = `No open yet (${name})`;
  await notify.getByLabel("Title").fill(title);
  await notify.getByLabel("Message").fill("{{contact.first_name}} has not opened the welcome email.");
  await notify.getByLabel("Also by email").check();
  await notify.getByRole("button", { name: "Apply" }).click();

  await page.getByRole("button", { name: "Publish" }).click();
  await page.getByRole("button", { name: "Confirm and publish" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Published as version 1" })).toBeVisible();

  // Activate it and enrol one customer by hand.
  await page.goto(editorUrl.replace(/\/edit$/, ""));
  const activate = page.getByRole("button", { name: `Activate ${name}` });
  if (await activate.isVisible()) await activate.click();
  const enrol = page.getByRole("form", { name: "Enrol customers" });
  await enrol.getByPlaceholder("Name, email or company").fill("a");
  const pick = enrol.getByLabel("Customer to add");
  await expect(pick.locator("option").nth(1)).toBeAttached();
  const contactId = (await pick.locator("option").nth(1).getAttribute("value"))!;
  await pick.selectOption(contactId);
  // Enrolled on a working morning by the executor's clock, whatever the hour this runs at.
  await executorClock(request, `${minutesToWorkingMorning(await executorClock(request))}m`);
  await enrol.getByRole("button", { name: /^Enrol/ }).click();
  await expect(page.getByText(/^1 enrolled/)).toBeVisible();

  const outboxOf = async (query: string) => {
    await page.goto(`/outbox?${query}`);
    return page.getByRole("table", { name: "Emails" });
  };
  // The welcome email leaves at once.
  await expect
    .poll(
      async () => (await outboxOf(`contact=${contactId}`)).getByRole("link", { name: /^Welcome to Demo Co/ }).count(),
      {
        timeout: 60_000,
        intervals: [1000, 2000],
      },
    )
    .toBe(1);

  // Two days on the branch finds no open: the owner is told (by email too), no code goes out.
  await executorClock(request, "2d");
  await executorClock(request, "1m");
  await expect
    .poll(
      async () =>
        (await outboxOf(`q=${encodeURIComponent(DEMO.owner.email)}`)).getByRole("link", { name: title }).count(),
      {
        timeout: 60_000,
        intervals: [1000, 2000],
      },
    )
    .toBe(1);
  const customerMail = await outboxOf(`contact=${contactId}`);
  await expect(customerMail.getByRole("link", { name: /here is .* off/ })).toHaveCount(0);
  await expect(customerMail.getByRole("link", { name: /^Welcome to Demo Co/ })).toHaveCount(1);
});
