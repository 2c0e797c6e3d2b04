import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "../fixtures";

test("an owner starts a playbook on entering a segment; the segment cannot be deleted while the playbook uses it", async ({
  page,
}) => {
  await signIn(page, DEMO.owner.email);
  await page.goto("/segments");
  await page.getByRole("link", { name: "Prefers WhatsApp", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Prefers WhatsApp", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Duplicate" }).click();
  const heading = page.getByRole("heading", { name: /^Prefers WhatsApp \(copy/ });
  await expect(heading).toBeVisible();
  const name = (await heading.textContent())!.trim();
  const segmentUrl = page.url();

  await page.goto("/playbooks");
  await page.getByRole("link", { name: "Milestone congratulations" }).click();
  const form = page.getByRole("form", { name: "Trigger" });
  await form.getByLabel("Starts when").selectOption({ label: "Entered a segment" });
  await form.getByRole("button", { name: "Save trigger" }).click();
  await expect(form.getByRole("alert")).toHaveText("Choose a segment");
  await form.getByLabel("Segment", { exact: true }).selectOption({ label: name });
  await form.getByRole("button", { name: "Save trigger" }).click();
  await expect(form.getByRole("status")).toContainText("Trigger saved.");
  await expect(page.getByRole("link", { name: `Entered a segment: “${name}”` })).toBeVisible();

  await page.goto(segmentUrl);
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("button", { name: `Delete “${name}”` }).click();
  await expect(
    page.getByText(`“${name}” is used by playbook “Milestone congratulations”. Remove it there first.`),
  ).toBeVisible();

  // Put the demo playbook back and remove the copy, for the other flows.
  await page.goto("/playbooks");
  await page.getByRole("link", { name: "Milestone congratulations" }).click();
  await form.getByLabel("Starts when").selectOption({ label: "Milestone reached" });
  await form.getByRole("button", { name: "Save trigger" }).click();
  await expect(form.getByRole("status")).toContainText("Trigger saved.");
  await expect(page.getByRole("definition").filter({ hasText: /^Milestone reached$/ })).toBeVisible();
  await page.goto(segmentUrl);
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("button", { name: `Delete “${name}”` }).click();
  await page.waitForURL(/\/segments$/);
  await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
});
