import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "../fixtures";

test("open an outbox email, unsubscribe through its link, and see the customer's consent change", async ({
  page,
  context,
}) => {
  await signIn(page, DEMO.owner.email);
  await page.getByRole("link", { name: "Outbox", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Outbox" })).toBeVisible();
  await page.getByLabel("Status").selectOption("sent");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/status=sent/);
  await page
    .getByRole("link", { name: /^Welcome to Demo Co/ })
    .first()
    .click();

  await expect(page.getByTitle("Rendered email")).toBeVisible();
  await expect(page.getByText("List-Unsubscribe-Post")).toBeVisible();
  await expect(page.locator("pre")).toContainText("Unsubscribe or manage your email preferences");
  const customer = page.locator('dl a[href^="/customers/"]');
  const customerName = (await customer.textContent())!.trim();

  // The link a mail app would show; it opens in a new tab like the link in the message.
  const [prefs] = await Promise.all([
    context.waitForEvent("page"),
    page.getByRole("link", { name: "Open the unsubscribe page" }).click(),
  ]);
  await prefs.waitForLoadState();
  await expect(prefs.getByRole("heading", { name: "Email preferences" })).toBeVisible();
  await expect(prefs.getByRole("button", { name: "Unsubscribe from Newsletters" })).toBeVisible();
  await prefs.getByRole("button", { name: "Unsubscribe from everything" }).click();
  await expect(prefs.getByRole("status")).toHaveText("You are unsubscribed from all marketing email.");
  await expect(prefs.getByRole("button", { name: "Resubscribe to marketing email" })).toBeVisible();
  await prefs.close();

  await customer.click();
  await expect(page.getByRole("heading", { name: customerName })).toBeVisible();
  await expect(page.getByText("Unsubscribed from all marketing email.")).toBeVisible();
  await expect(page.locator('[data-type="email.unsubscribed"]').first()).toContainText(
    "Unsubscribed from all marketing email",
  );
  await expect(page.getByLabel("Marketing consent")).toHaveValue("unsubscribed");
});

test("a template with an unknown token is refused on its field", async ({ page }) => {
  await signIn(page, DEMO.owner.email);
  await page.goto("/settings/email?template=new");
  const form = page.getByRole("form", { name: "New template" });
  await form.getByLabel("Name").fill("Spring news");
  await form.getByLabel("Topic").selectOption("newsletters");
  await form.getByLabel("Subject").fill("Hello {{contact.nickname}}");
  await form.getByLabel("Message").fill('Hi {{contact.first_name | "there"}},\n\nSpring is here.');
  await form.getByRole("button", { name: "Save template" }).click();
  await expect(form.getByLabel("Subject")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText(/Unknown token \{\{contact\.nickname\}\}/)).toBeVisible();
  await form.getByLabel("Subject").fill('Hello {{contact.first_name | "friend"}}');
  await form.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByRole("form", { name: "Edit template" }).getByText("Template saved.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Spring news" })).toBeVisible();
});

test("staff read the outbox", async ({ page }) => {
  await signIn(page, DEMO.staff.email);
  await page.getByRole("link", { name: "Outbox", exact: true }).click();
  await expect(
    page.getByRole("link", { name: /^We miss you|^Welcome to Demo Co|^Time for your next visit|^Thank you/ }).first(),
  ).toBeVisible();
});

test("reps do not see the outbox", async ({ page }) => {
  await signIn(page, DEMO.rep.email);
  await expect(page.getByRole("link", { name: "Outbox", exact: true })).toHaveCount(0);
  await page.goto("/outbox");
  await expect(page.getByRole("heading", { name: /don.t have access/ })).toBeVisible();
  await expect(page.getByText("Only owners and staff of this organisation can open it.")).toBeVisible();
});
