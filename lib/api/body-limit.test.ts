import { describe, expect, it } from "vitest";
import { BODY_LIMITS, readBodyWithin, readTextWithin } from "./body-limit";
import { readJsonObject } from "./respond";

/** A streamed body with no Content-Length, counting how many chunks were pulled from it. */
function chunked(chunkBytes: number, chunks: number) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(chunkBytes).fill(120));
    },
  });
  const request = new Request("http://tend.test/api/v1/events", {
    method: "POST",
    body,
    duplex: "half",
  } as RequestInit);
  return { request, pulled: () => pulled };
}

describe("readBodyWithin", () => {
  it("refuses at once when Content-Length is over the limit, without reading the body", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const request = new Request("http://tend.test/x", {
      method: "POST",
      body,
      headers: { "content-length": String(40 * 1024 * 1024) },
      duplex: "half",
    } as RequestInit);
    const read = await readBodyWithin(request, BODY_LIMITS.events);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.response.status).toBe(413);
    expect(await read.response.json()).toMatchObject({
      error: "The request body is larger than this endpoint accepts (64 KB).",
    });
    expect(pulled).toBeLessThanOrEqual(1); // a stream may pre-fill one chunk; it is never read through
  });

  it("counts a chunked body while streaming and stops just past the limit", async () => {
    const { request, pulled } = chunked(16 * 1024, 2560); // 40 MB if read whole
    const read = await readBodyWithin(request, BODY_LIMITS.events);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.response.status).toBe(413);
    expect(pulled()).toBeLessThanOrEqual(BODY_LIMITS.events / (16 * 1024) + 2);
  });

  it("does not trust a Content-Length that understates the body", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(70 * 1024));
        controller.close();
      },
    });
    const request = new Request("http://tend.test/x", {
      method: "POST",
      body,
      headers: { "content-length": "10" },
      duplex: "half",
    } as RequestInit);
    expect((await readBodyWithin(request, BODY_LIMITS.events)).ok).toBe(false);
  });

  it("reads a body at the limit exactly, and an empty one", async () => {
    const { request } = chunked(1024, 64);
    const read = await readBodyWithin(request, BODY_LIMITS.events);
    expect(read.ok && read.bytes.byteLength).toBe(64 * 1024);
    const empty = await readTextWithin(new Request("http://tend.test/x", { method: "POST" }), 10);
    expect(empty).toEqual({ ok: true, text: "" });
  });

  it("readJsonObject answers 413 over the limit and 400 for what is not JSON", async () => {
    const big = await readJsonObject(
      new Request("http://tend.test/x", { method: "POST", body: JSON.stringify({ x: "y".repeat(70_000) }) }),
      BODY_LIMITS.events,
    );
    expect(!big.ok && big.response.status).toBe(413);
    const bad = await readJsonObject(
      new Request("http://tend.test/x", { method: "POST", body: "{" }),
      BODY_LIMITS.events,
    );
    expect(!bad.ok && bad.response.status).toBe(400);
    const good = await readJsonObject(new Request("http://tend.test/x", { method: "POST", body: '{"a":1}' }), 100);
    expect(good).toEqual({ ok: true, body: { a: 1 } });
  });

  it("states every limit", () => {
    expect(BODY_LIMITS).toEqual({
      events: 65_536,
      discountRedeem: 16_384,
      resendWebhook: 1_048_576,
      unsubscribe: 8_192,
      auth: 16_384,
    });
  });
});
