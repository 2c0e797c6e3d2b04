import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn, signOut } from "../fixtures";

async function newCustomer(page: Page, firstName: string, lastName: string) {
  await page.goto("/customers");
  await page.getByRole("button", { name: "New customer" }).click();
  await page.getByLabel("First name").fill(firstName);
  await page.getByLabel("Last name").fill(lastName);
  await page.getByRole("button", { name: "Add customer" }).click();
  await page.waitForURL(/\/customers\/[0-9a-f-]{36}/);
  return page.url().split("?")[0]!;
}

test("'Referred by' is chosen with the keyboard from a searchable list, and both profiles show the referral", async ({
  page,
}) => {
  // Letters only: digits in a search also match phone numbers, which would blur what is tested.
  const suffix = Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");
  await signIn(page, DEMO.staff.email);
  const referrerUrl = await newCustomer(page, "Referra", `Keyboard${suffix}`);
  const newcomerUrl = await newCustomer(page, "Newcomb", `Keyboard${suffix}`);

  const picker = page.getByRole("combobox", { name: "Referred by" });
  await picker.fill(`referra keyboard${suffix}`);
  const options = page.getByRole("listbox", { name: "Matching customers" }).getByRole("option");
  await expect(options).toHaveCount(1);
  await expect(options.first()).toHaveText(`Referra Keyboard${suffix}`);
  await picker.press("ArrowDown");
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  await picker.press("Enter");
  await expect(page.getByTestId("d-referredById-chosen")).toContainText(`Referra Keyboard${suffix}`);
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByText("Details saved.")).toBeVisible();

  await page.reload();
  await expect(page.getByTestId("d-referredById-chosen")).toContainText(`Referra Keyboard${suffix}`);
  await expect(page.getByText(`Referred by Referra Keyboard${suffix}`)).toBeVisible();

  await page.goto(referrerUrl);
  await expect(page.getByText("Customers they referred:")).toContainText(`Newcomb Keyboard${suffix}`);
  // The customer itself is never offered as its own referrer.
  await page.goto(newcomerUrl);
  await page.getByRole("button", { name: `Clear Referra Keyboard${suffix}` }).click();
  await page.getByRole("combobox", { name: "Referred by" }).fill(`newcomb keyboard${suffix}`);
  await expect(page.getByRole("listbox", { name: "Matching customers" })).toContainText("No matching customers.");

  // Leave the demo workspace at its 300 customers for the other specs.
  await signOut(page);
  await signIn(page, DEMO.owner.email);
  for (const url of [newcomerUrl, referrerUrl]) await deleteCustomer(page, url);
});

async function deleteCustomer(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole("button", { name: "Delete customer" }).click();
  await page.getByRole("button", { name: "Yes, delete" }).click();
  await page.waitForURL(/\/customers$/);
}
