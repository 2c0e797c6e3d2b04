import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { eq } from "drizzle-orm";
import { apiEvents } from "@/db/schema";
import { POST as postEvent } from "@/app/api/v1/events/route";
import { POST as redeem } from "@/app/api/v1/discount-codes/redeem/route";
import { POST as webhook } from "@/app/api/webhooks/resend/route";
import { POST as unsubscribe } from "@/app/u/[token]/route";
import { POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { BODY_LIMITS } from "@/lib/api/body-limit";
import { createApiKey } from "@/lib/api-keys/keys";
import { unsubscribeToken } from "@/lib/email/links";
import { createTestOrg, setupTestDb, uniqueEmail } from "./helpers";

const db = setupTestDb();

// Auth.js itself does not load under vitest; the route's own size check is what is under test.
const authHandler = vi.hoisted(() => vi.fn(async () => new Response(null, { status: 302 })));
vi.mock("@/lib/auth/auth", () => ({ handlers: { GET: authHandler, POST: authHandler } }));

/** A body streamed in 16 KB chunks with no Content-Length; counts the chunks pulled from it. */
function streamed(totalBytes: number) {
  let sent = 0;
  let pulls = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      const n = Math.min(16 * 1024, totalBytes - sent);
      sent += n;
      pulls++;
      controller.enqueue(new TextEncoder().encode(" ".repeat(n)));
    },
  });
  return { body, pulls: () => pulls };
}

function request(url: string, body: BodyInit | ReadableStream, headers: Record<string, string> = {}) {
  return new Request(url, { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

const FORTY_MB = 40 * 1024 * 1024;

describe("public endpoints refuse bodies over their limit with 413, before reading them whole", () => {
  it("POST /api/v1/events: 64 KB; a 600 KB event and a 40 MB stream are refused and nothing is recorded", async () => {
    const org = await createTestOrg(db());
    const { key } = await createApiKey(org.owner.ctx, { name: "Billing" });
    const auth = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const event = (padding: number) =>
      JSON.stringify({
        id: `evt_${randomUUID()}`,
        name: "crm/payment.failed",
        contact: { email: uniqueEmail("big"), create: true },
        properties: { note: "x".repeat(padding) },
      });

    const big = await postEvent(request("http://tend.test/api/v1/events", event(600 * 1024), auth));
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: "The request body is larger than this endpoint accepts (64 KB)." });

    const stream = streamed(FORTY_MB);
    const huge = await postEvent(request("http://tend.test/api/v1/events", stream.body, auth));
    expect(huge.status).toBe(413);
    expect(stream.pulls()).toBeLessThan(10); // 64 KB is four chunks: the rest was never read

    expect(await db().select().from(apiEvents).where(eq(apiEvents.orgId, org.orgId))).toEqual([]);
    // Under the limit it is accepted as before.
    const ok = await postEvent(request("http://tend.test/api/v1/events", event(1000), auth));
    expect(ok.status).toBe(202);
    expect(BODY_LIMITS.events).toBe(64 * 1024);
  });

  it("POST /api/v1/discount-codes/redeem: 16 KB", async () => {
    const org = await createTestOrg(db());
    const { key } = await createApiKey(org.owner.ctx, { name: "Shop" });
    const response = await redeem(
      request("http://tend.test/api/v1/discount-codes/redeem", streamed(FORTY_MB).body, {
        authorization: `Bearer ${key}`,
      }),
    );
    expect(response.status).toBe(413);
  });

  it("POST /api/webhooks/resend: 1 MiB, refused before the signature is even checked", async () => {
    const declared = await webhook(
      request("http://tend.test/api/webhooks/resend", "{}", { "content-length": String(FORTY_MB) }),
    );
    expect(declared.status).toBe(413);
    const stream = streamed(FORTY_MB);
    expect((await webhook(request("http://tend.test/api/webhooks/resend", stream.body))).status).toBe(413);
    expect(stream.pulls()).toBeLessThan(70);
  });

  it("POST /u/<token> (unsubscribe): 8 KB", async () => {
    const org = await createTestOrg(db());
    const token = unsubscribeToken({ orgId: org.orgId, contactId: randomUUID(), messageId: null, topicKey: null });
    const response = await unsubscribe(
      request(`http://tend.test/u/${token}`, streamed(FORTY_MB).body, {
        "content-type": "application/x-www-form-urlencoded",
      }),
      { params: Promise.resolve({ token }) },
    );
    expect(response.status).toBe(413);
  });

  it("POST /api/auth/* (Auth.js's sign-in endpoint): 16 KB", async () => {
    const response = await authPost(
      new NextRequest("http://tend.test/api/auth/callback/credentials", {
        method: "POST",
        body: "email=a%40b.c&password=" + "x".repeat(20 * 1024),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
    );
    expect(response.status).toBe(413);
    expect(authHandler).not.toHaveBeenCalled();
    const small = await authPost(
      new NextRequest("http://tend.test/api/auth/callback/credentials", {
        method: "POST",
        body: "email=a%40b.c&password=secret",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
    );
    expect(small.status).toBe(302);
    expect(authHandler).toHaveBeenCalledTimes(1);
  });
});
