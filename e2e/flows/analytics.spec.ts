import { expect, test, type Locator } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import { DEMO, signIn } from "../fixtures";

const sumColumn = (csv: string, column: string) => {
  const [head, ...lines] = csv.trim().split(/\r\n/);
  const index = head!.split(",").indexOf(column);
  return lines.reduce((s, line) => s + Number(line.split(",")[index]), 0);
};

test("an owner switches to a custom year, reads the table and downloads the CSV whose totals equal the page's", async ({
  page,
}) => {
  await signIn(page, DEMO.owner.email);
  // The dashboard's 30-day headline is the analytics page's 30-day number.
  const headline = page.getByTestId("headline-sent");
  await expect(headline.getByTestId("sparkline")).toBeVisible();
  const dashboardSent = Number((await headline.locator("dd").first().innerText()).replace(/\D/g, ""));
  await page.getByRole("link", { name: "Analytics" }).click();
  await page.waitForURL(/\/analytics/);
  await expect(page.getByRole("heading", { name: "Analytics", level: 1 })).toBeVisible();
  await expect(page.getByTestId("range-summary")).toContainText("by day in");
  const sent = Number((await page.getByTestId("stat-sent").locator("dd").first().innerText()).replace(/\D/g, ""));
  expect(sent).toBeGreaterThan(0);
  expect(sent).toBe(dashboardSent);

  const year = new Date().getUTCFullYear();
  await page.getByLabel("From", { exact: true }).fill(`${year - 1}-01-01`);
  await page.getByLabel("To", { exact: true }).fill(`${year}-12-31`);
  await page.getByRole("button", { name: "Apply range" }).click();
  await expect(page).toHaveURL(/range=custom/);
  await expect(page.getByTestId("range-summary")).toContainText("by week in");

  const chart = page.getByTestId("chart-sent");
  await chart.getByRole("button", { name: "Table" }).click();
  await expect(chart.getByRole("table")).toBeVisible();
  const download = page.waitForEvent("download");
  await chart.getByRole("button", { name: "Download CSV" }).click();
  const file = await (await download).path();
  const csv = readFileSync(file!, "utf8");
  const pageSent = Number((await page.getByTestId("stat-sent").locator("dd").first().innerText()).replace(/\D/g, ""));
  expect(sumColumn(csv, "Sent")).toBe(pageSent);
  expect(pageSent).toBeGreaterThanOrEqual(sent);

  // The range travels with the tabs.
  await page.getByRole("navigation", { name: "Analytics" }).getByRole("link", { name: "Pipeline" }).click();
  await expect(page).toHaveURL(/\/analytics\/pipeline\?.*range=custom/);
  await expect(page.getByTestId("chart-funnel")).toBeVisible();

  const scan = await new AxeBuilder({ page }).include("main").analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // Playbooks: runs, recovered revenue and the chosen playbook step by step.
  await page.getByRole("navigation", { name: "Analytics" }).getByRole("link", { name: "Playbooks" }).click();
  await expect(page).toHaveURL(/\/analytics\/playbooks\?.*range=custom/);
  await expect(page.getByTestId("stat-runs-started")).toBeVisible();
  await expect(page.getByTestId("chart-recovered")).toBeVisible();
  const playbooksScan = await new AxeBuilder({ page }).include("main").analyze();
  expect(playbooksScan.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test("a rep reads analytics too, and an unreadable range says which field is wrong", async ({ page }) => {
  await signIn(page, DEMO.rep.email);
  await page.goto("/analytics/customers?range=custom&from=2026-02-30&to=2026-03-01");
  const problem = page.getByRole("alert").filter({ hasText: "The start date must be a date" });
  await expect(problem).toContainText("Showing the last 30 days instead.");
  await expect(page.getByTestId("chart-customers")).toBeVisible();

  // Stages over time end where "today" stands: the last period's customers per stage are today's.
  await page.goto("/analytics/customers?range=90d");
  const overTime = page.getByTestId("chart-lifecycle-over-time");
  await overTime.getByRole("button", { name: "Table" }).click();
  const cells = async (row: Locator) =>
    (await row.getByRole("cell").allInnerTexts()).map((t) => Number(t.replace(/\D/g, "")));
  const lastPeriod = await cells(overTime.getByRole("table").locator("tbody tr").last());
  const today = page.locator("section", { has: page.getByRole("heading", { name: "Lifecycle stages today" }) });
  await today.getByRole("button", { name: "Table" }).click();
  const todayCounts = await Promise.all(
    (await today.getByRole("table").locator("tbody tr").all()).map(async (r) => (await cells(r)).at(-1)!),
  );
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  expect(sum(lastPeriod)).toBeGreaterThan(0);
  expect(sum(lastPeriod)).toBe(sum(todayCounts));
  const scan = await new AxeBuilder({ page }).include("main").analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test("the range can be changed with the keyboard alone", async ({ page }) => {
  await signIn(page, DEMO.owner.email);
  await page.goto("/analytics");
  const sevenDays = page.getByRole("link", { name: "7 days" });
  await sevenDays.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/range=7d/);
  await expect(page.getByRole("link", { name: "7 days" })).toHaveAttribute("aria-current", "true");
  await page.getByLabel("Compare with the previous period").focus();
  await page.keyboard.press("Space");
  await expect(page).toHaveURL(/compare=1/);
  await expect(page.getByTestId("stat-sent")).toContainText("Previous period");
});

test("an owner with the page open reads the new range and fresh numbers without the page reloading", async ({
  page,
  context,
}) => {
  await signIn(page, DEMO.owner.email);
  await page.goto("/analytics/customers?range=7d");
  const newCustomers = page.getByTestId("stat-new-customers").locator("dd").first();
  const count = async () => Number((await newCustomers.innerText()).replace(/\D/g, ""));
  const before = await count();

  // A reload or a server-rendered navigation of this page shows up as a document or RSC request.
  const pageLoads: string[] = [];
  const reads: string[] = [];
  page.on("request", (r) => {
    const h = r.headers();
    const path = new URL(r.url()).pathname;
    // (Links elsewhere prefetch their own pages; only this page's own loads count.)
    if (path === "/analytics/customers" && (r.resourceType() === "document" || h["rsc"])) pageLoads.push(r.url());
    if (h["next-action"]) reads.push(r.url());
  });

  // Someone adds a customer in another tab.
  const other = await context.newPage();
  await other.goto("/customers");
  await other.getByRole("button", { name: "New customer" }).click();
  await other.getByLabel("First name").fill("Fresh");
  await other.getByLabel("Last name").fill(`Numbers${Date.now()}`);
  await other.getByRole("button", { name: "Add customer" }).click();
  await other.waitForURL(/\/customers\/[0-9a-f-]{36}/);

  await page.getByRole("button", { name: "Refresh" }).click();
  await expect.poll(count).toBeGreaterThan(before);

  await page.getByRole("link", { name: "30 days" }).click();
  await expect(page).toHaveURL(/range=30d/);
  await expect(page.getByRole("link", { name: "30 days" })).toHaveAttribute("aria-current", "true");
  const days = (await page.getByTestId("range-summary").innerText()).split(",")[0]!;
  await page.goBack();
  await expect(page).toHaveURL(/range=7d/);
  await expect(page.getByRole("link", { name: "7 days" })).toHaveAttribute("aria-current", "true");
  await expect(page.getByTestId("range-summary")).not.toContainText(days);
  expect(reads.length).toBeGreaterThanOrEqual(2);
  expect(pageLoads).toEqual([]);

  // The demo workspace stays at its 300 customers for the other flows.
  await other.getByRole("button", { name: "Delete customer" }).click();
  await other.getByRole("button", { name: "Yes, delete" }).click();
  await other.waitForURL(/\/customers$/);
  await other.close();
});
