import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD, demoUsers, type DemoRole } from "../db/seed/demo-accounts";

export { DEMO_PASSWORD };

type Account = { email: string; name: string };
const accounts = (copy: number) =>
  Object.fromEntries(demoUsers(copy).map((u) => [u.role, { email: u.email, name: u.name }])) as Record<
    DemoRole,
    Account
  >;

/** The accounts of Demo Co itself, which the login page lists. */
export const DEMO_ACCOUNTS = accounts(0);

// Workers running at the same time have different parallel indexes (0 … workers − 1), and the
// e2e server seeds one copy of the demo workspace per worker (TEND_DEMO_COPIES, db/seed/demo.ts).
/** This worker's copy of the demo workspace: the same customers and names, its own users. */
export const DEMO = accounts(Number(process.env.TEST_PARALLEL_INDEX ?? 0));

/** Signs in; unless a refusal is expected, waits until the app has left the login page. */
export async function signIn(
  page: Page,
  email: string,
  password = DEMO_PASSWORD,
  options: { expectRefusal?: boolean } = {},
) {
  if (!page.url().includes("/login")) await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (!options.expectRefusal) await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: /open user menu/i }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}
