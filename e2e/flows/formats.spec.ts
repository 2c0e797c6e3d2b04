import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO, signIn } from "../fixtures";

// Dates as each organisation writes them: the same instant reads "Dec 2, 2026, 10:55 AM" in New
// York (en-US) and "2. Dez. 2026, 16:55" in Berlin (de-DE). Never "02/12/2026" or "… UTC".
const FORMATS = {
  ny: { date: /^[A-Z][a-z]{2} \d{1,2}, \d{4}$/, dateTime: /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M$/ },
  berlin: { date: /^\d{2}\.\d{2}\.\d{4}$/, dateTime: /^\d{1,2}\. \S+ \d{4}, \d{2}:\d{2}$/ },
};
test.describe.configure({ timeout: 120_000 });

const OLD_FORMATS = [/\bUTC\b/, /\b\d{2}\/\d{2}\/\d{4}\b/, /\b\d{4}-\d{2}-\d{2} \d{2}:\d{2}/];

async function texts(page: Page, selector: string) {
  await expect(page.locator(selector).first()).toBeVisible();
  return (await page.locator(selector).allInnerTexts()).map((t) => t.trim());
}

async function readDates(page: Page) {
  await page.goto("/customers?cols=email,last_seen&sort=last_seen");
  const lastSeen = (await texts(page, "table tbody td:last-child")).filter((t) => t !== "Never");
  await page.locator("table tbody a").first().click();
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}/);
  // A note gives the timeline an entry, whatever the demo data holds for this customer.
  const note = page.getByRole("form", { name: "Add a note" });
  await note.getByLabel("New note").fill(`Format check ${Date.now()}`);
  await note.getByRole("button", { name: "Add note" }).click();
  const timeline = await texts(page, 'ol[aria-label="Timeline entries"] time');
  await page.goto("/outbox");
  const outbox = await texts(page, "table tbody time");
  await page.goto("/leads");
  await page.locator("[data-lead-opener]").first().click();
  // An edit gives the lead an activity entry with a time, whatever the demo data holds.
  const panel = page.getByRole("dialog");
  await panel.getByLabel("Industry").fill(`Retail ${Date.now()}`);
  await panel.getByRole("button", { name: "Save lead" }).click();
  await expect(panel.getByText("Lead saved.")).toBeVisible();
  const lead = await texts(page, "dialog time");
  return { lastSeen, timeline, outbox, lead };
}

async function setOrg(browser: Browser, zone: string, locale: string) {
  const page = await browser.newPage();
  await signIn(page, DEMO.owner.email);
  await page.goto("/settings");
  await page.getByLabel("Time zone").fill(zone);
  await page.getByLabel("Dates and numbers").selectOption(locale);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  await page.close();
}

function expectFormat(dates: Awaited<ReturnType<typeof readDates>>, f: (typeof FORMATS)["ny"]) {
  expect(dates.lastSeen.length).toBeGreaterThan(0);
  for (const t of dates.lastSeen) expect(t).toMatch(f.date);
  for (const t of [...dates.timeline, ...dates.outbox, ...dates.lead]) expect(t).toMatch(f.dateTime);
  for (const t of Object.values(dates).flat()) for (const old of OLD_FORMATS) expect(t).not.toMatch(old);
}

test.describe("one date format across the timeline, the customer list, the lead panel and the outbox", () => {
  test.describe("an organisation in New York, read in New York", () => {
    test.use({ timezoneId: "America/New_York" });
    test("en-US dates, no zone named", async ({ page }) => {
      await signIn(page, DEMO.owner.email);
      expectFormat(await readDates(page), FORMATS.ny);
    });
  });

  test.describe("the same organisation moved to Berlin, read in Berlin", () => {
    test.use({ timezoneId: "Europe/Berlin" });
    test("de-DE dates, no zone named", async ({ page, browser }) => {
      await setOrg(browser, "Europe/Berlin", "de-DE");
      try {
        await signIn(page, DEMO.owner.email);
        await page.goto("/"); // the browser reports its zone once
        expectFormat(await readDates(page), FORMATS.berlin);
      } finally {
        await setOrg(browser, "America/New_York", "en-US");
      }
    });
  });
});
