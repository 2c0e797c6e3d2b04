import { afterEach, describe, expect, it, vi } from "vitest";
import { escapeHtml, parseTokens, tokenError, tokenValue } from "./tokens";
import { bodyError, parseBody } from "./body";
import { signSvix, verifySvix } from "./svix";

describe("template tokens", () => {
  it("parses tokens with and without quoted fallbacks", () => {
    expect(parseTokens('Hi {{contact.first_name | "there"}}, from {{ org.name }}')).toEqual([
      { kind: "text", value: "Hi " },
      { kind: "token", name: "contact.first_name", fallback: "there" },
      { kind: "text", value: ", from " },
      { kind: "token", name: "org.name", fallback: null },
    ]);
    expect(parseTokens('{{discount.code | "say \\"hi\\""}}')).toEqual([
      { kind: "token", name: "discount.code", fallback: 'say "hi"' },
    ]);
  });

  it("names unknown and malformed tokens", () => {
    expect(tokenError("Hi {{contact.nickname}}")).toContain("Unknown token {{contact.nickname}}");
    expect(tokenError("Hi {{contact.first_name")).toContain("not closed");
    expect(tokenError("Hi {{contact.first_name | there}}")).toContain("is not a token");
    expect(tokenError("Plain text, no tokens")).toBeNull();
  });

  it("uses the fallback for missing or blank values and escapes HTML", () => {
    expect(tokenValue({ "contact.first_name": "  " }, "contact.first_name", "there")).toBe("there");
    expect(tokenValue({}, "contact.first_name", null)).toBe("");
    expect(escapeHtml(`<script>"x" & 'y'</script>`)).toBe(
      "&lt;script&gt;&quot;x&quot; &amp; &#x27;y&#x27;&lt;/script&gt;",
    );
  });
});

describe("template body", () => {
  it("splits paragraphs on blank lines and finds links", () => {
    const paragraphs = parseBody(
      "Hi {{contact.first_name}},\nsecond line\n\n\nSee [the shop](https://shop.example/a) or [leave]({{unsubscribe_url}}).",
    );
    expect(paragraphs).toHaveLength(2);
    expect(paragraphs[0]).toHaveLength(2);
    expect(paragraphs[1]![0]!.filter((p) => p.kind === "link").map((p) => (p as { url: string }).url)).toEqual([
      "https://shop.example/a",
      "{{unsubscribe_url}}",
    ]);
  });

  it("refuses links that are not http(s)", () => {
    expect(bodyError("[x](javascript:alert(1))")).toContain("full http(s) address");
    expect(bodyError("[x](/relative)")).toContain("full http(s) address");
  });
});

describe("Svix signatures (the svix library)", () => {
  const secret = `whsec_${Buffer.from("0123456789abcdef0123456789abcdef").toString("base64")}`;
  const now = 1_800_000_000_000;
  const at = now / 1000;
  afterEach(() => {
    vi.useRealTimers();
  });
  it("signs as Svix specifies: HMAC-SHA256 of id.timestamp.body with the base64 secret", () => {
    // The value the hand-written implementation produced before: the library is a drop-in.
    expect(signSvix(secret, "msg_1", at, '{"type":"email.delivered"}')).toBe(
      "v1,L4QVVu32dTv16KOoXstc7dfwbV1KiZJzRRM2pCAfm3s=",
    );
  });
  it("accepts a valid signature among several and rejects wrong, stale or missing ones", () => {
    vi.setSystemTime(now);
    const body = '{"type":"email.delivered"}';
    const good = signSvix(secret, "msg_1", at, body);
    expect(verifySvix(secret, { id: "msg_1", timestamp: String(at), signature: `v1,AAAA ${good}` }, body)).toBe(true);
    expect(verifySvix(secret, { id: "msg_1", timestamp: String(at), signature: good }, `${body} `)).toBe(false);
    expect(verifySvix(secret, { id: "msg_2", timestamp: String(at), signature: good }, body)).toBe(false);
    expect(verifySvix(secret, { id: "msg_1", timestamp: null, signature: good }, body)).toBe(false);
    expect(verifySvix("whsec_%%%", { id: "msg_1", timestamp: String(at), signature: good }, body)).toBe(false);
    vi.setSystemTime(now + 6 * 60_000);
    expect(verifySvix(secret, { id: "msg_1", timestamp: String(at), signature: good }, body)).toBe(false);
    vi.setSystemTime(now - 6 * 60_000);
    expect(verifySvix(secret, { id: "msg_1", timestamp: String(at), signature: good }, body)).toBe(false);
  });
  it("a valid signature over a body that is not JSON still verifies (the webhook answers 400, not 401)", () => {
    vi.setSystemTime(now);
    const good = signSvix(secret, "msg_3", at, "not json");
    expect(verifySvix(secret, { id: "msg_3", timestamp: String(at), signature: good }, "not json")).toBe(true);
  });
});
