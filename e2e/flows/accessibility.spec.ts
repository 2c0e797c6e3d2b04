import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "../fixtures";
import { mainPages } from "../main-pages";

test.use({ viewport: { width: 1440, height: 900 } });
// An axe scan of every page, per role, on a busy machine; nothing here asserts a duration.
test.describe.configure({ timeout: 900_000 });

for (const role of ["owner", "rep", "staff"] as const) {
  test(`every main page the ${role} can open has no serious or critical axe violation`, async ({ page }) => {
    await signIn(page, DEMO[role].email);
    const pages = await mainPages(page);
    expect(pages.length).toBeGreaterThan(5);
    const found: string[] = [];
    for (const [i, path] of pages.entries()) {
      await page.goto(path);
      await expect(page.locator("main h1").first()).toBeVisible();
      // The shell (sidebar, header) is the same on every page: scanned whole on the first, then each page's main.
      // A sent email's own HTML (the outbox preview frame) is the customer's message, not the app's.
      let axe = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).exclude("iframe");
      if (i > 0) axe = axe.include("main");
      const results = await axe.analyze();
      for (const v of results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
        const line = `${path} ${v.id}: ${v.nodes.length} × ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(" | ")} — ${v.help}`;
        console.log(`[axe ${role}] ${line}`); // seen even if a slow run times out
        found.push(line);
      }
    }
    expect(found).toEqual([]);
  });
}
