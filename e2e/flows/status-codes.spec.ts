import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "../fixtures";

// The status says what the page says: a refused page answers 403, another organisation's id 404.
test("a rep asking for owner-only pages gets 403 with the message naming who can open them", async ({ page }) => {
  await signIn(page, DEMO.rep.email);
  const team = await page.goto("/settings/team");
  expect(team?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to Team settings" })).toBeVisible();
  await expect(page.getByText("Only owners of this organisation can open it.")).toBeVisible();
  // The shell stays: the rep can go on from here.
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();

  const apiKeys = await page.goto("/settings/api-keys");
  expect(apiKeys?.status()).toBe(403);
  // A page with a loading state still refuses before it streams.
  const audit = await page.goto("/settings/audit");
  expect(audit?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to the audit log" })).toBeVisible();
});

test("staff asking for a page only managers may open get 403; an id that is not the organisation's gets 404", async ({
  page,
}) => {
  await signIn(page, DEMO.staff.email);
  const creating = await page.goto("/playbooks/new");
  expect(creating?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to Creating playbooks" })).toBeVisible();

  const unknown = "00000000-0000-4000-8000-000000000000";
  for (const path of [`/customers/${unknown}`, `/segments/${unknown}`, `/outbox/${unknown}`]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
  }
});

// The SDK checkpoints to <origin>/v1/checkpoint/<run>/async (rewritten to the embedded executor's
// route): reachable without a session, it checks the signing key itself.
test("the executor's checkpoint endpoint answers the SDK, and refuses a request without the signing key", async ({
  request,
}) => {
  const res = await request.post("/v1/checkpoint/00000000-0000-4000-8000-000000000000/async", {
    headers: { authorization: "Bearer signkey-local-00" },
    data: { qi_id: "q", steps: [] },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(401);
  expect(await res.json()).toEqual({ error: "unknown signing key" });
});
