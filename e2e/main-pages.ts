import type { Page } from "@playwright/test";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

async function hrefs(page: Page, path: string): Promise<string[]> {
  await page.goto(path);
  // The sidebar is hidden at phone width; its links are read all the same.
  return page
    .locator("a[href^='/']")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""))
    .then((all) => [...new Set(all.map((h) => h.split(/[?#]/)[0]!))]);
}

/**
 * Every page the signed-in person's sidebar offers, then one of each detail page reachable from
 * them (a customer, a segment, a playbook with its simulate page, an outbox message, a job run).
 */
export async function mainPages(page: Page): Promise<string[]> {
  const nav = await page
    .goto("/")
    .then(() =>
      page
        .locator("nav[aria-label='Main'] a[href^='/']")
        .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? "")),
    );
  const pages = [...new Set(nav)];
  const first = async (list: string, pattern: RegExp) => {
    if (!pages.includes(list)) return;
    const found = (await hrefs(page, list)).find((h) => pattern.test(h));
    if (found) pages.push(found);
  };
  await first("/customers", new RegExp(`^/customers/${UUID}$`));
  await first("/segments", new RegExp(`^/segments/${UUID}$`));
  await first("/outbox", new RegExp(`^/outbox/${UUID}$`));
  await first("/jobs", new RegExp(`^/jobs/${UUID}$`));
  const before = pages.length;
  await first("/playbooks", new RegExp(`^/playbooks/${UUID}$`));
  if (pages.length > before) pages.push(`${pages.at(-1)}/simulate`);
  return pages;
}
