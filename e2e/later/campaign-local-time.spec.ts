import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "../fixtures";
import { executorClock } from "./clock";

// This flow moves the embedded executor's clock days ahead, so it runs in the "later"
// project, after every other flow (see playwright.config.ts): none of them sees a shifted "now".

test("an owner schedules a campaign at 09:00 in each customer's own zone; when the clock reaches it, progress fills and the report opens", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const name = `Local morning ${Date.now()}`;
  await signIn(page, DEMO.owner.email);
  await page.goto("/campaigns/new");
  const form = page.getByRole("form", { name: "Compose campaign" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Category").selectOption({ label: "Marketing: Promotions" });
  await form
    .getByRole("group", { name: "Send to customers in any of these segments" })
    .getByLabel("VIP customers")
    .check();
  await form.getByLabel("Subject").fill("Good morning, {{contact.first_name}}");
  await form.getByLabel("Message").fill("Hi {{contact.first_name}},\n\nBreakfast is on us this week.");
  await form.getByRole("button", { name: "Save draft" }).click();
  await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);

  const eligibleLink = page.getByTestId("audience-numbers").getByRole("link", { name: /eligible/ });
  const eligible = Number((await eligibleLink.textContent())!.replace(/eligible|\D/g, ""));
  expect(eligible).toBeGreaterThan(0);

  // Two days ahead of the executor's "now" (in UTC): 09:00 that day is still to come in every zone.
  const now = await executorClock(request);
  const day = new Date(now.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
  const schedule = page.getByRole("form", { name: "Schedule campaign" });
  await schedule.getByLabel("At a local time in each customer's own zone").check();
  await schedule.getByLabel("Local date", { exact: true }).fill(day);
  await schedule.getByLabel("Local time", { exact: true }).fill("09:00");
  await schedule.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByTestId("campaign-status")).toHaveText("Scheduled");
  await expect(page.getByText(`When: ${day} at 09:00 in each customer's own zone`)).toBeVisible();

  const count = async (key: string) =>
    Number((await page.getByTestId(`progress-${key}`).textContent())!.replace(/\D/g, ""));
  // Sending starts when the first zone on Earth (UTC+14) reaches 09:00, the evening before in UTC:
  // the audience is frozen then, and nobody in the demo lives there, so nothing has gone yet.
  const firstMorning = Date.parse(`${day}T09:00:00+14:00`);
  await executorClock(request, `${Math.ceil((firstMorning - now.getTime()) / 60_000) + 1}m`);
  await expect
    .poll(
      async () => {
        await page.reload();
        return (await page.getByTestId("campaign-status").textContent())?.trim();
      },
      { timeout: 60_000, intervals: [500, 1000, 2000] },
    )
    .toBe("Sending");
  expect(await count("sent")).toBe(0);
  // The audience froze now. It can differ from the draft's count by a customer or two: the VIP
  // segment follows spending and visits, and its refreshes (after other flows' changes, or the
  // daily one the moved clock fires) may land between the draft and the freeze.
  const frozen = await count("queued");
  expect(frozen).toBeGreaterThan(0);
  expect(Math.abs(frozen - eligible)).toBeLessThanOrEqual(2);

  // Two days later every zone's 09:00 has passed: each zone's bucket wakes and hands over. Each
  // frozen customer ends sent, deferred by quiet hours, or suppressed at the hand-over: the
  // frequency cap counts what the demo's playbooks and the other flows sent them meanwhile.
  await executorClock(request, "2d");
  await expect
    .poll(
      async () => {
        await page.reload();
        if (!(await page.getByTestId("campaign-progress").isVisible())) return "not started";
        const left = (await count("queued")) + (await count("sending"));
        return left === 0
          ? (await count("sent")) + (await count("deferred")) + (await count("suppressed"))
          : `${left} left`;
      },
      { timeout: 90_000, intervals: [500, 1000, 2000] },
    )
    .toBe(frozen);
  expect(await count("sent")).toBeGreaterThan(0);
  expect(await count("failed")).toBe(0);
  await expect(page.getByTestId("campaign-status")).toHaveText(/Sending|Sent/);
  await expect(page.getByRole("progressbar", { name: "Campaign progress" })).toBeVisible();
  await expect(page.getByTestId("campaign-report")).toContainText("Sent");

  // The list shows it sent with its numbers, and the report opens from there.
  await page.goto("/campaigns");
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByTestId("campaign-report")).toBeVisible();
});
