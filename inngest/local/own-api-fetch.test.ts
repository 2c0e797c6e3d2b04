import { describe, expect, it } from "vitest";
import { ownApiFetch, ownApiTarget } from "./own-api-fetch";

const base = "http://127.0.0.1:3000/api/executor/";

describe("the app's own requests to its embedded executor", () => {
  it("names the event and checkpoint endpoints, and nothing else", () => {
    expect(ownApiTarget(base, `${base}e/key%2F1`)).toEqual({ kind: "events", key: "key/1" });
    expect(ownApiTarget(base, "http://127.0.0.1:3000/v1/checkpoint/run-1/async")).toEqual({
      kind: "checkpoint",
      runId: "run-1",
    });
    expect(ownApiTarget(base, "http://127.0.0.1:3001/v1/checkpoint/run-1/async")).toBeNull();
    expect(ownApiTarget(base, "http://127.0.0.1:3000/v1/checkpoint/run-1")).toBeNull();
    expect(ownApiTarget(base, `${base}clock`)).toBeNull();
    expect(ownApiTarget(base, "https://api.resend.com/emails/batch")).toBeNull();
  });

  it("answers them in process with the handlers' replies; anything else goes out", async () => {
    const seen: string[] = [];
    const outside: string[] = [];
    const f = ownApiFetch(
      {
        base: () => base,
        events: async (key, body) => (
          seen.push(`events ${key} ${body}`),
          { status: 200, body: { ids: ["a"], status: 200 } }
        ),
        checkpoint: async (runId, auth, body) => (
          seen.push(`checkpoint ${runId} ${auth} ${body}`),
          { status: 409, body: {} }
        ),
      },
      async (input) => (outside.push(String(input)), new Response("out", { status: 202 })),
    );
    const sent = await f(`${base}e/k`, { method: "POST", body: "[1]" });
    expect([sent.status, await sent.json()]).toEqual([200, { ids: ["a"], status: 200 }]);
    const cp = await f("http://127.0.0.1:3000/v1/checkpoint/r/async", {
      method: "POST",
      body: "{}",
      headers: { Authorization: "Bearer x" },
    });
    expect(cp.status).toBe(409);
    expect(seen).toEqual(["events k [1]", "checkpoint r Bearer x {}"]);
    expect((await f(`${base}e/k`, { method: "GET" })).status).toBe(202);
    expect((await f("https://api.resend.com/emails", { method: "POST", body: "{}" })).status).toBe(202);
    expect(outside).toEqual([`${base}e/k`, "https://api.resend.com/emails"]);
  });

  it("sends everything out when the executor is not this process's (no base)", async () => {
    const f = ownApiFetch(
      {
        base: () => undefined,
        events: () => Promise.reject(new Error("no")),
        checkpoint: () => Promise.reject(new Error("no")),
      },
      async () => new Response(null, { status: 204 }),
    );
    expect((await f(`${base}e/k`, { method: "POST", body: "[]" })).status).toBe(204);
  });
});
