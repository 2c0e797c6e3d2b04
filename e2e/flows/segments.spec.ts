import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "../fixtures";

/** A small RFC 4180 reader: quoted cells, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n") {
      row.push(cell.replace(/\r$/, ""));
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  return rows;
}

/**
 * The expected count, computed without the segment compiler: the customer export is a plain
 * SELECT of every customer with their tags, visits and spend (lib/contacts/export.ts), and the
 * rule is applied here in JavaScript. The e2e server holds its PGlite database, so the spec
 * cannot open it; the export is the database's content as the app serves it.
 */
async function expectedFromExport(page: Page) {
  const res = await page.request.get("/customers/export");
  expect(res.status()).toBe(200);
  const [header, ...rows] = parseCsv(await res.text());
  const col = (name: string) => header!.indexOf(name);
  const [spent, visits, tags] = [col("Total spent"), col("Total visits"), col("Tags")];
  return rows.filter((r) => Number(r[spent]) >= 500 && (r[tags]!.split("; ").includes("VIP") || Number(r[visits]) >= 5))
    .length;
}

async function chooseField(page: Page, n: string, label: string) {
  const picker = page.getByRole("combobox", { name: `Condition ${n} field` });
  await picker.click();
  await picker.fill(label);
  await page
    .getByRole("option", { name: new RegExp(`^${label}`) })
    .first()
    .click();
}

test("an owner builds “spent ≥ 500 AND (tag VIP OR visits ≥ 5)”, sees the count the data gives, saves, explains and deletes it", async ({
  page,
}) => {
  await signIn(page, DEMO.owner.email);
  const expected = await expectedFromExport(page);
  expect(expected).toBeGreaterThan(0);

  await page.goto("/segments");
  await expect(page.getByRole("link", { name: "VIP customers" })).toBeVisible();
  await page.getByRole("link", { name: "New segment" }).click();
  const name = `Big and loyal ${Date.now()}`;
  await page.getByLabel("Name").fill(name);

  const top = page.getByRole("group", { name: "Top group" });
  await top.getByRole("button", { name: "+ Condition" }).last().click();
  await chooseField(page, "1", "Total spent");
  await page.getByLabel("Condition 1 operator").selectOption({ label: "≥" });
  await page.getByLabel("Condition 1 value").fill("500");

  await top.getByRole("button", { name: "+ Group" }).last().click();
  const group = page.getByRole("group", { name: "Group 2" });
  await expect(group.getByLabel("Group 2 match")).toHaveValue("any");
  await chooseField(page, "2.1", "Tags");
  await group.getByRole("checkbox", { name: "VIP" }).check();
  await group.getByRole("button", { name: "+ Condition" }).click();
  await chooseField(page, "2.2", "Total visits");
  await page.getByLabel("Condition 2.2 operator").selectOption({ label: "≥" });
  await page.getByLabel("Condition 2.2 value").fill("5");

  await expect(page.getByTestId("segment-count")).toHaveText(String(expected), { timeout: 15_000 });
  await expect(page.getByText("Counting…")).toHaveCount(0);
  const sample = page.getByRole("list", { name: "Sample of members" }).getByRole("listitem");
  await expect(sample).toHaveCount(Math.min(expected, 20));

  // Why is the first sample member in?
  const first = sample.first();
  const who = (await first.getByRole("link").textContent())!.trim();
  await first.getByRole("button", { name: /^Why is/ }).click();
  await expect(page.getByTestId("explanation")).toContainText(`${who} is in.`);
  await expect(page.getByTestId("explanation")).toContainText("Total spent ≥ 500");

  await page.getByRole("button", { name: "Save segment" }).click();
  await page.waitForURL(/\/segments\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText(`${expected} members`)).toBeVisible();

  await page.goto("/segments");
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row.getByTestId("member-count")).toHaveText(String(expected));
  await row.getByRole("link", { name }).click();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("button", { name: `Delete “${name}”` }).click();
  await page.waitForURL(/\/segments$/);
  await expect(page.getByRole("link", { name })).toHaveCount(0);
});

test("an owner hand-picks customers from the list into a static segment", async ({ page }) => {
  await signIn(page, DEMO.owner.email);
  await page.goto("/segments");
  await page.getByRole("button", { name: "New hand-picked segment" }).click();
  const name = `Launch guests ${Date.now()}`;
  await page.getByLabel("Hand-picked segment name").fill(name);
  await page.getByRole("button", { name: "Create" }).click();
  await page.waitForURL(/\/segments\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Nobody is in this segment yet.")).toBeVisible();

  await page.goto("/customers");
  const boxes = page.getByRole("checkbox", { name: /^Select (?!all)/ });
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByLabel("Add selected to segment").selectOption({ label: name });
  await page.getByRole("group", { name: "Bulk actions" }).getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByText(`Added to ${name}: 2 customers`)).toBeVisible();

  await page.goto("/segments");
  await expect(page.getByRole("row").filter({ hasText: name }).getByTestId("member-count")).toHaveText("2");
});

test("a rep reads segments but cannot build them", async ({ page }) => {
  await signIn(page, DEMO.rep.email);
  await page.goto("/segments");
  await expect(page.getByRole("link", { name: "High-intent leads" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New segment" })).toHaveCount(0);
  await page.getByRole("link", { name: "High-intent leads" }).click();
  await expect(page.getByText("Lead score ≥ 70")).toBeVisible();
  await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);
  await page.goto("/segments/new");
  await expect(page.getByText("You don't have access to building segments")).toBeVisible();
});

test("the builder speaks plainly: a new condition is silent, Save says what it needs, amounts start at ≥", async ({
  page,
}) => {
  await signIn(page, DEMO.owner.email);
  await page.goto("/segments/new");
  await page.getByLabel("Name").fill(`Plain words ${Date.now()}`);
  const top = page.getByRole("group", { name: "Top group" });
  await top.getByRole("button", { name: "+ Condition" }).last().click();
  await chooseField(page, "1", "Lifecycle stage");
  await expect(page.getByTestId("segment-count")).not.toHaveText("—", { timeout: 15_000 });
  const row = page.getByTestId("condition").first();
  await expect(row.getByRole("alert")).toHaveCount(0);
  await expect(page.getByText(/Invalid input|expected array/)).toHaveCount(0);
  await page.getByRole("button", { name: "Save segment" }).click();
  await expect(row.getByRole("alert")).toHaveText("Pick at least one lifecycle stage");
  await expect(page).toHaveURL(/\/segments\/new$/);

  await top.getByRole("button", { name: "+ Condition" }).last().click();
  await chooseField(page, "2", "Total spent");
  await expect(page.getByLabel("Condition 2 operator")).toHaveValue("gte");
});
