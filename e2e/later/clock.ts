import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type APIRequestContext } from "@playwright/test";

/** The e2e server's clock key, kept in its data folder (scripts/e2e-server.mjs). */
const clockKey = () =>
  (JSON.parse(readFileSync(path.resolve(".data/e2e/executor-keys.json"), "utf8")) as { clockKey: string }).clockKey;

/** The executor clock's "now", after moving it forward by `advance` (e.g. "2d") when given. */
export async function executorClock(request: APIRequestContext, advance?: string): Promise<Date> {
  const headers = { authorization: `Bearer ${clockKey()}` };
  const res = advance
    ? await request.post("/api/executor/clock", { headers, data: { advance } })
    : await request.get("/api/executor/clock", { headers });
  expect(res.ok(), await res.text()).toBe(true);
  return new Date(((await res.json()) as { now: string }).now);
}
