import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "../fixtures";
import { mainPages } from "../main-pages";

test.use({ viewport: { width: 390, height: 844 } });
// Some thirty pages on a busy machine; nothing here asserts a duration.
test.describe.configure({ timeout: 240_000 });

test("at 390 px no main page scrolls sideways; wide tables scroll in their own frame, first column fixed", async ({
  page,
}) => {
  await signIn(page, DEMO.owner.email);
  const pages = await mainPages(page);
  expect(pages.length).toBeGreaterThan(15);
  const wide: string[] = [];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.locator("main h1").first()).toBeVisible();
    const { scrollWidth, clientWidth } = await page.evaluate(() => {
      const el = document.scrollingElement!;
      return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth };
    });
    if (scrollWidth > clientWidth) wide.push(`${path}: ${scrollWidth} > ${clientWidth}`);
  }
  expect(wide).toEqual([]);

  await page.goto("/customers");
  const table = page.locator("main table").first();
  const frame = await table.evaluate((t) => {
    const box = t.parentElement!;
    const cell = t.querySelector("tbody tr td")!;
    return {
      scrolls: box.scrollWidth > box.clientWidth && getComputedStyle(box).overflowX === "auto",
      sticky: getComputedStyle(cell).position,
    };
  });
  expect(frame).toEqual({ scrolls: true, sticky: "sticky" });
});
