import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { DEMO, signIn, signOut } from "../fixtures";

test("an owner composes a campaign to a segment, reads the audience numbers, sends it and watches progress and the report; a rep reads it without controls", async ({
  page,
}) => {
  test.setTimeout(180_000); // a long flow; the shared machine is slow
  const name = `Winter offers ${Date.now()}`;
  await signIn(page, DEMO.owner.email);
  await page.getByRole("link", { name: "Campaigns", exact: true }).first().click();
  await expect(page.getByRole("heading", { name: "Campaigns", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "New campaign" }).click();

  const form = page.getByRole("form", { name: "Compose campaign" });
  // Refused without an audience or content: each problem beside its field.
  await form.getByRole("button", { name: "Save draft" }).click();
  await expect(form.getByText("Give the campaign a name")).toBeVisible();
  await expect(form.getByText("Choose at least one segment")).toBeVisible();

  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Category").selectOption({ label: "Marketing: Promotions" });
  await form
    .getByRole("group", { name: "Send to customers in any of these segments" })
    .getByLabel("VIP customers")
    .check();
  await form.getByLabel("Subject").fill("A winter treat, {{contact.first_name}}");
  await form.getByLabel("Preheader").fill("Twenty percent off until Sunday");
  await form.getByLabel("Message").fill("Hi {{contact.first_name}},\n\nSee [the offers](https://shop.example/winter).");
  await form.getByRole("button", { name: "Save draft" }).click();
  await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
  const campaignUrl = page.url();

  const numbers = page.getByTestId("audience-numbers");
  await expect(numbers.getByRole("link", { name: /eligible/ })).toBeVisible();
  const eligible = Number(
    (await numbers.getByRole("link", { name: /eligible/ }).textContent())!.replace(/eligible|\D/g, ""),
  );
  expect(eligible).toBeGreaterThan(0);
  await expect(page.getByTestId("preview-subject")).toContainText("A winter treat,");
  await expect(page.getByTestId("preview-text")).toContainText("See the offers");

  // Each number opens the customers behind it.
  await numbers.getByRole("link", { name: /eligible/ }).click();
  await expect(page.getByRole("heading", { name: "Eligible" })).toBeVisible();
  await expect(page.getByTestId("audience-list").getByRole("listitem").first()).toBeVisible();
  await page.goto(campaignUrl);

  const scan = await new AxeBuilder({ page }).include("main").analyze();
  expect(scan.violations).toEqual([]);
  await page.getByRole("button", { name: "Show the rendered email" }).click();
  await expect(page.getByTitle("Email preview")).toBeVisible();

  // Keyboard: choose "Now" and send from the schedule form.
  const schedule = page.getByRole("form", { name: "Schedule campaign" });
  await schedule.getByLabel("Now").check();
  await schedule.getByRole("button", { name: "Send now" }).focus();
  await page.keyboard.press("Enter");

  // Everyone eligible is handed over now or deferred to the end of their quiet hours (the demo has
  // 21:00–08:00), whatever the time of day the suite runs.
  const progress = page.getByTestId("campaign-progress");
  const count = async (key: string) =>
    Number((await page.getByTestId(`progress-${key}`).textContent())!.replace(/\D/g, ""));
  await expect
    .poll(
      async () => {
        await page.reload();
        if (!(await progress.isVisible())) return "not started";
        const left = (await count("queued")) + (await count("sending"));
        return left === 0 ? (await count("sent")) + (await count("deferred")) : `${left} left`;
      },
      { timeout: 60_000, intervals: [500, 1000, 2000] },
    )
    .toBe(eligible);
  await expect(page.getByTestId("campaign-status")).toHaveText(/Sending|Sent/);
  await expect(page.getByRole("progressbar", { name: "Campaign progress" })).toBeVisible();
  await expect(page.getByTestId("campaign-report")).toContainText("Sent");
  await expect(page.getByRole("button", { name: "Send me a test" })).toBeVisible();

  await signOut(page);
  await signIn(page, DEMO.rep.email);
  await page.goto("/campaigns");
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByTestId("campaign-progress")).toBeVisible();
  await expect(page.getByRole("button", { name: /Pause|Resume|Cancel campaign|Send me a test/ })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Compose campaign" })).toHaveCount(0);
  // The results a rep reads too: conversions and revenue by the campaign's attribution rule.
  await expect(page.getByTestId("campaign-conversions")).toContainText("Revenue");
  const resultsScan = await new AxeBuilder({ page }).include("main").analyze();
  expect(resultsScan.violations).toEqual([]);
  await page.goto("/campaigns");
  await expect(page.getByRole("link", { name: "New campaign" })).toHaveCount(0);
  const repScan = await new AxeBuilder({ page }).include("main").analyze();
  expect(repScan.violations).toEqual([]);
});

test("an owner sets up an A/B test by keyboard: a variant that changes nothing is refused on its field; each variant previews", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const name = `Subject test ${Date.now()}`;
  await signIn(page, DEMO.owner.email);
  await page.goto("/campaigns/new");
  const form = page.getByRole("form", { name: "Compose campaign" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Category").selectOption({ label: "Marketing: Promotions" });
  await form
    .getByRole("group", { name: "Send to customers in any of these segments" })
    .getByLabel("VIP customers")
    .check();
  await form.getByLabel("Subject", { exact: true }).fill("New arrivals for you");
  await form.getByLabel("Message").fill("Hi {{contact.first_name}},\n\nSee [what is new](https://shop.example/new).");

  const ab = page.getByTestId("ab-test");
  await ab.getByLabel(/Test variants/).focus();
  await page.keyboard.press("Space");
  await expect(ab.getByLabel("Variant B subject")).toBeVisible();
  await ab.getByLabel("Judged on").selectOption({ label: "Revenue per recipient" });
  await form.getByRole("button", { name: "Save draft" }).click();
  await expect(ab.getByText("Variant B is the same as A: change its subject, preheader or message")).toBeVisible();

  await ab.getByLabel("Variant B subject").fill("Only this week: new arrivals");
  await ab.getByRole("button", { name: "Add variant C" }).click();
  await ab.getByLabel("Variant C preheader").fill("Free delivery on everything new");
  await ab.getByLabel("If no clear winner").selectOption({ label: "Variant C" });
  await ab.getByRole("button", { name: "Remove variant C" }).click();
  // The fallback cannot point at a variant that is gone.
  await expect(ab.getByLabel("If no clear winner")).toHaveValue("A");
  await form.getByRole("button", { name: "Save draft" }).click();
  await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
  await expect(page.getByText(/A\/B test: variants A, B to 20%, judged on revenue per recipient/)).toBeVisible();

  await expect(page.getByTestId("preview-subject")).toContainText("New arrivals for you");
  await page.getByLabel("Variant", { exact: true }).selectOption("B");
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await expect(page.getByTestId("preview-subject")).toContainText("Only this week: new arrivals");
  await expect(page.getByRole("button", { name: "Send me a test of variant B" })).toBeVisible();
  const scan = await new AxeBuilder({ page }).include("main").analyze();
  expect(scan.violations).toEqual([]);
});
