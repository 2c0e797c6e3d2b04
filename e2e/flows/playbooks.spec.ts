import { expect, test } from "@playwright/test";
import { DEMO, signIn, signOut, uniqueEmail } from "../fixtures";

test("an owner pauses and activates a playbook, enrols a customer, follows the run's timeline and cancels it", async ({
  page,
}) => {
  test.setTimeout(90_000); // a long flow; the shared machine is slow
  const lastName = `Playbook${Date.now()}`;
  await signIn(page, DEMO.owner.email);

  await page.goto("/customers");
  await page.getByRole("button", { name: "New customer" }).click();
  const form = page.getByRole("form", { name: "New customer" });
  await form.getByLabel("First name").fill("Pia");
  await form.getByLabel("Last name").fill(lastName);
  await form.getByLabel("Email").fill(uniqueEmail("pia"));
  await page.getByRole("button", { name: "Add customer" }).click();
  await page.waitForURL(/\/customers\/[0-9a-f-]{36}/);

  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Playbooks" })).toHaveCount(1);
  await page.goto("/playbooks");
  await expect(page.getByRole("heading", { level: 1, name: "Playbooks" })).toBeVisible();
  const winback = page.getByRole("row").filter({ hasText: "Win-back" });
  await expect(winback.getByText("active", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Pause Win-back" }).click();
  await expect(winback.getByText("paused", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Activate Win-back" }).click();
  await expect(winback.getByText("active", { exact: true })).toBeVisible();

  await page.getByRole("link", { name: "Payment failed rescue" }).click();
  await expect(page.getByRole("img", { name: "Playbook steps" })).toBeVisible();
  await expect(page.getByText("Version 1", { exact: true })).toBeVisible();

  await page.getByRole("link", { name: "Simulate a run →" }).click();
  const sim = page.getByRole("form", { name: "Simulation" });
  await sim.getByPlaceholder("Name, email or company").fill(lastName);
  await sim.getByRole("button", { name: "Simulate" }).click();
  await sim.getByLabel("Customer", { exact: true }).selectOption({ label: `Pia ${lastName}` });
  await sim.getByRole("button", { name: "Simulate" }).click();
  const simulated = page.getByRole("list", { name: "Simulated timeline" });
  await expect(simulated.getByText("Payment update required")).toBeVisible();
  await expect(simulated.getByText(/a 20% code would be created/)).toBeVisible();
  // Each step has its date and the time since the start; no token is left raw.
  await expect(simulated.getByText("at the start").first()).toBeVisible();
  await expect(simulated.getByText(/^3 days( [0-9]+ (hours?|minutes?))? after the start$/).first()).toBeVisible();
  await expect(simulated).not.toContainText("{{");
  await page.getByRole("link", { name: "← Payment failed rescue" }).click();

  const enrol = page.getByRole("form", { name: "Enrol customers" });
  await enrol.getByPlaceholder("Name, email or company").fill(lastName);
  const choose = enrol.getByLabel("Customer to add");
  await expect(choose.locator("option", { hasText: lastName })).toHaveCount(1);
  await choose.selectOption({ label: `Pia ${lastName}` });
  await expect(page.getByRole("list", { name: "Customers to enrol" })).toContainText(lastName);
  await enrol.getByRole("button", { name: "Enrol 1 customer" }).click();
  await expect(enrol.getByRole("status")).toHaveText("1 enrolled.");

  await page.getByRole("link", { name: `Pia ${lastName}` }).click();
  await page.waitForURL(/\/playbooks\/runs\/[0-9a-f-]{36}/);
  // The first email goes out at once, or waits for the demo's quiet hours (21:00–08:00) to end.
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(/^(email sent|deferred by quiet hours until .*08:00 .+)$/)).toBeVisible({
      timeout: 1_000,
    });
  }).toPass({ timeout: 30_000 });

  await page.getByRole("button", { name: "Cancel run" }).click();
  await page.getByRole("button", { name: "Yes, cancel this run" }).click();
  await expect(page.getByText(/— cancelled by an owner$/)).toBeVisible();

  // Leave Demo Co at 300 customers for the other flows: the owner deletes the one made here (its runs go with it).
  await page.getByRole("link", { name: `Pia ${lastName}` }).click();
  await page.waitForURL(/\/customers\/[0-9a-f-]{36}/);
  await page.getByRole("button", { name: "Delete customer" }).click();
  await page.getByRole("button", { name: "Yes, delete" }).click();
  await page.waitForURL(/\/customers$/);

  await signOut(page);
  await signIn(page, DEMO.rep.email);
  // Reps read playbooks (issue 17) but change nothing.
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Playbooks" })).toHaveCount(1);
  await page.goto("/playbooks");
  await expect(page.getByRole("heading", { level: 1, name: "Playbooks" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New playbook" })).toHaveCount(0);
});
