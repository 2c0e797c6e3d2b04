import { expect, test } from "@playwright/test";
import { DEMO, signIn, uniqueEmail } from "../fixtures";

// "Churn risk" and "Trial ending" are touched by no other flow; both are left as the demo made them.

test("an owner edits a playbook's settings; an empty name is refused on its field and nothing is saved", async ({
  page,
}) => {
  await signIn(page, DEMO.owner.email);
  await page.goto("/playbooks");
  await page.getByRole("link", { name: "Churn risk", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Churn risk" })).toBeVisible();
  const exits = page.getByRole("definition").filter({ hasText: /^Customer engaged/ });
  await expect(exits).toHaveText("Customer engaged (an interaction, an email opened or clicked)");

  const edit = page.getByRole("button", { name: "Edit settings" });
  const form = page.getByRole("form", { name: "Playbook settings" });
  const name = form.getByLabel("Name", { exact: true });
  await edit.click();
  await expect(name).toBeFocused();
  await name.fill("Churn risk check-in");
  await form.getByRole("button", { name: "Add exit event" }).click();
  await form.getByLabel("Exit event 2", { exact: true }).selectOption({ label: "Payment succeeded" });
  await form.getByLabel("Exit event 2 counts as a conversion").check();
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
  await expect(form).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Churn risk check-in" })).toBeVisible();
  await expect(exits).toHaveText(
    "Customer engaged (an interaction, an email opened or clicked), Payment succeeded (conversion)",
  );

  // Escape leaves the form without saving, back on the button that opened it.
  await edit.click();
  await name.fill("Not this");
  await name.press("Escape");
  await expect(form).toHaveCount(0);
  await expect(edit).toBeFocused();

  await edit.click();
  await name.fill("");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByRole("alert")).toHaveText("Enter a name");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Churn risk check-in" })).toBeVisible();

  // Put the demo playbook back.
  await edit.click();
  await name.fill("Churn risk");
  await form.getByRole("button", { name: "Remove exit event 2" }).click();
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Churn risk" })).toBeVisible();
  await expect(exits).toHaveText("Customer engaged (an interaction, an email opened or clicked)");
});

test("an owner cancels a customer's active playbook run from the customer profile", async ({ page }) => {
  const lastName = `Cancel${Date.now()}`;
  await signIn(page, DEMO.owner.email);
  await page.goto("/customers");
  await page.getByRole("button", { name: "New customer" }).click();
  const create = page.getByRole("form", { name: "New customer" });
  await create.getByLabel("First name").fill("Cai");
  await create.getByLabel("Last name").fill(lastName);
  await create.getByLabel("Email").fill(uniqueEmail("cai"));
  await page.getByRole("button", { name: "Add customer" }).click();
  await page.waitForURL(/\/customers\/[0-9a-f-]{36}/);
  const profileUrl = page.url();
  await expect(page.getByText("Not in any playbook.")).toBeVisible();

  await page.goto("/playbooks");
  await page.getByRole("link", { name: "Trial ending", exact: true }).click();
  const enrol = page.getByRole("form", { name: "Enrol customers" });
  await enrol.getByPlaceholder("Name, email or company").fill(lastName);
  const choose = enrol.getByLabel("Customer to add");
  await expect(choose.locator("option", { hasText: lastName })).toHaveCount(1);
  await choose.selectOption({ label: `Cai ${lastName}` });
  await enrol.getByRole("button", { name: "Enrol 1 customer" }).click();
  await expect(enrol.getByRole("status")).toHaveText("1 enrolled.");

  await page.goto(profileUrl);
  const runs = page.getByRole("list", { name: "Playbook runs" });
  const run = runs.getByRole("listitem").filter({ hasText: "Trial ending" });
  await expect(run.getByText("active", { exact: true })).toBeVisible();
  await run.getByRole("button", { name: "Cancel run of Trial ending" }).click();
  await expect(run.getByText("A cancelled run cannot be resumed.")).toBeVisible();
  await expect(run.getByRole("button", { name: "Keep it" })).toBeFocused();
  await run.getByRole("button", { name: "Yes, cancel this run" }).click();
  await expect(run.getByText("cancelled", { exact: true })).toBeVisible();
  await expect(run.getByText(/— cancelled by an owner/)).toBeVisible();
  await expect(run.getByRole("button", { name: /Cancel run/ })).toHaveCount(0);

  await run.getByRole("link", { name: /^Run of Trial ending/ }).click();
  await page.waitForURL(/\/playbooks\/runs\/[0-9a-f-]{36}/);
  await expect(page.getByText(/— cancelled by an owner$/)).toBeVisible();

  // Leave Demo Co at 300 customers for the other flows (the run goes with the customer).
  await page.goto(profileUrl);
  await page.getByRole("button", { name: "Delete customer" }).click();
  await page.getByRole("button", { name: "Yes, delete" }).click();
  await page.waitForURL(/\/customers$/);
});
