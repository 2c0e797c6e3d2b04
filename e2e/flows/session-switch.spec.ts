import { expect, test, type BrowserContext, type Route } from "@playwright/test";
import { DEMO, signIn, signOut } from "../fixtures";

const ROLE_LABEL = { owner: "Owner", rep: "Sales rep", staff: "Staff" } as const;
const ORDER = ["owner", "rep", "staff", "owner", "staff", "rep", "owner", "rep", "staff", "owner", "rep"] as const;

async function sessionCookies(context: BrowserContext) {
  return (await context.cookies()).filter((c) => c.name.includes("authjs.session-token"));
}

/**
 * Sign-out → sign-in, many times, between roles in one browser, with the server slowed: every
 * request waits a little, and in a second tab a page request made with the old session is held
 * until after sign-out (a response that would bring the old cookie back). After each sign-out
 * the old session must be gone: no cookie, the sign-in page on Back and on a refused sign-in,
 * and the next person sees their own name, role and menu.
 */
test("many sign-out → sign-in switches in one browser never show the previous session", async ({ page, context }) => {
  test.setTimeout(480_000);
  // The server slowed: every document, RSC and action request is delayed a little, by a varying amount.
  await context.route(
    (url) => !url.pathname.startsWith("/_next/static"),
    async (route: Route) => {
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.floor(Math.random() * 180)));
      await route.fallback();
    },
  );
  const straggler = await context.newPage();

  let previous: (typeof ORDER)[number] | undefined;
  for (const [i, role] of ORDER.entries()) {
    const user = DEMO[role];
    await signIn(page, user.email);
    await expect(page).not.toHaveURL(/\/login/);
    await page.getByRole("button", { name: /open user menu/i }).click();
    const menu = page.locator("#user-menu");
    await expect(menu).toContainText(user.name);
    await expect(menu).toContainText(user.email);
    await expect(menu).toContainText(ROLE_LABEL[role]);
    await page.keyboard.press("Escape");
    if (previous && DEMO[previous].name !== user.name) await expect(page.getByText(DEMO[previous].name)).toHaveCount(0);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Team" })).toHaveCount(role === "owner" ? 1 : 0);

    // A request of this session, sent now and answered only after sign-out.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const probe = `/customers?probe=${i}`;
    await straggler.route(`**${probe}`, async (route) => {
      const response = await route.fetch();
      await released;
      await route.fulfill({ response });
    });
    const late = straggler.goto(probe).catch(() => null);

    await signOut(page);
    release();
    await late;
    await straggler.unroute(`**${probe}`);

    expect(await sessionCookies(context)).toEqual([]);
    // No page of the old session comes back: not from the server, nor from the back/forward cache.
    await page.goBack();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expect(page.getByText(user.name)).toHaveCount(0);
    if (i === 0 || i === 5) {
      // A refused sign-in re-renders the sign-in page: it must not find the old session either.
      await signIn(page, user.email, "not-the-password", { expectRefusal: true });
      await expect(page.getByText("Wrong email or password.")).toBeVisible();
      await expect(page).toHaveURL(/\/login/);
      await expect(page.getByText(user.name)).toHaveCount(0);
    }
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
    previous = role;
  }
});

test("a session cookie copied before sign-out signs nobody in afterwards", async ({ page, context, browser }) => {
  await signIn(page, DEMO.owner.email);
  const copied = await sessionCookies(context);
  expect(copied.length).toBeGreaterThan(0);
  await signOut(page);

  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  await other.addCookies(copied);
  const replay = await other.newPage();
  await replay.goto("/");
  await expect(replay).toHaveURL(/\/login/);
  await expect(replay.getByText(DEMO.owner.name)).toHaveCount(0);
  await other.close();
});
