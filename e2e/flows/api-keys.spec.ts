import { expect, test } from "@playwright/test";
import { DEMO, signIn, uniqueEmail } from "../fixtures";

test("an owner creates an API key shown once, an event is accepted with it, and after revoking it is refused", async ({
  page,
  request,
}) => {
  const name = `E2E billing ${Date.now()}`;
  await signIn(page, DEMO.owner.email);
  await page.goto("/settings/api-keys");
  await page.getByLabel("Key name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(key).toMatch(/^tend_live_/);
  const row = page.getByTestId(`api-key-${name}`);
  await expect(row).toContainText(key.slice(0, 16));
  await expect(row).not.toContainText(key);

  const event = (id: string) => ({
    id,
    name: "crm/payment.failed",
    contact: { email: uniqueEmail("api"), create: true, firstName: "Api" },
    properties: { amountMinor: 1200 },
  });
  const accepted = await request.post("/api/v1/events", {
    headers: { authorization: `Bearer ${key}` },
    data: event(`evt-${Date.now()}`),
  });
  expect(accepted.status()).toBe(202);
  const { contactId } = (await accepted.json()) as { contactId: string };
  await page.goto(`/customers/${contactId}`);
  await expect(page.getByRole("list", { name: "Timeline entries" })).toContainText("Payment failed (via API)");
  // Leave the demo workspace at its 300 customers for the other specs.
  await page.getByRole("button", { name: "Delete customer" }).click();
  await page.getByRole("button", { name: "Yes, delete" }).click();
  await page.waitForURL(/\/customers$/);

  await page.goto("/settings/api-keys");
  await row.getByRole("button", { name: "Revoke" }).click();
  await row.getByRole("button", { name: "Confirm revoke" }).click();
  await expect(row).toContainText("Revoked");
  const refused = await request.post("/api/v1/events", {
    headers: { authorization: `Bearer ${key}` },
    data: event(`evt-${Date.now()}-2`),
  });
  expect(refused.status()).toBe(401);
});

test("a rep cannot open API keys", async ({ page }) => {
  await signIn(page, DEMO.rep.email);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API keys" })).toHaveCount(0);
  await page.goto("/settings/api-keys");
  await expect(page.getByRole("heading", { name: /don.t have access to API keys/ })).toBeVisible();
});
