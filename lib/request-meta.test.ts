import { describe, expect, it } from "vitest";
import {
  ARRIVED_FORWARDED_FOR_HEADER,
  clientIp,
  requestMetaFrom,
  SOCKET_ADDRESS_HEADER,
  trustedProxies,
} from "./request-meta";

/** Headers as the server records them: the TCP peer and the X-Forwarded-For the request arrived with. */
function arrived(peer: string, forwardedFor?: string) {
  const headers = new Headers({ [SOCKET_ADDRESS_HEADER]: peer, [ARRIVED_FORWARDED_FOR_HEADER]: forwardedFor ?? "" });
  // Next.js fills x-forwarded-for in itself when the client sent none; it is never read then.
  headers.set("x-forwarded-for", forwardedFor ?? peer);
  return headers;
}

describe("clientIp with TRUSTED_PROXIES=0 (the default)", () => {
  it("is the TCP peer, whatever X-Forwarded-For and X-Real-IP claim", () => {
    expect(clientIp(arrived("203.0.113.7"), 0)).toBe("203.0.113.7");
    const spoofed = arrived("203.0.113.7", "1.2.3.4, 5.6.7.8");
    spoofed.set("x-real-ip", "9.9.9.9");
    expect(clientIp(spoofed, 0)).toBe("203.0.113.7");
  });

  it("a made-up X-Forwarded-For per request still counts against the one peer", () => {
    const seen = new Set(Array.from({ length: 20 }, (_, i) => clientIp(arrived("203.0.113.7", `10.0.0.${i}`), 0)));
    expect([...seen]).toEqual(["203.0.113.7"]);
  });

  it("shows an IPv4 peer on a dual-stack socket as IPv4, and keeps IPv6 as it is", () => {
    expect(clientIp(arrived("::ffff:127.0.0.1"), 0)).toBe("127.0.0.1");
    expect(clientIp(arrived("2001:db8::1"), 0)).toBe("2001:db8::1");
  });

  it("reads the default from the environment", () => {
    expect(trustedProxies({} as unknown as NodeJS.ProcessEnv)).toBe(0);
    expect(trustedProxies({ TRUSTED_PROXIES: " " } as unknown as NodeJS.ProcessEnv)).toBe(0);
  });
});

describe("clientIp with TRUSTED_PROXIES=1 (one proxy in front)", () => {
  it("is the address the proxy appended, not what the client wrote before it", () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy at 10.0.0.2 appended the real 198.51.100.9.
    expect(clientIp(arrived("10.0.0.2", "1.2.3.4, 198.51.100.9"), 1)).toBe("198.51.100.9");
    expect(clientIp(arrived("10.0.0.2", "198.51.100.9"), 1)).toBe("198.51.100.9");
    expect(clientIp(arrived("10.0.0.2", " 1.2.3.4 ,, 198.51.100.9 "), 1)).toBe("198.51.100.9");
  });

  it("a request that bypassed the proxy is the peer itself", () => {
    expect(clientIp(arrived("203.0.113.7"), 1)).toBe("203.0.113.7");
  });

  it("two proxies: the entry two places left of the peer", () => {
    expect(clientIp(arrived("10.0.0.2", "6.6.6.6, 198.51.100.9, 10.0.0.1"), 2)).toBe("198.51.100.9");
  });

  it("parses the setting and refuses nonsense with a clear message", () => {
    expect(trustedProxies({ TRUSTED_PROXIES: "1" } as unknown as NodeJS.ProcessEnv)).toBe(1);
    for (const bad of ["-1", "one", "1.5", "99"])
      expect(() => trustedProxies({ TRUSTED_PROXIES: bad } as unknown as NodeJS.ProcessEnv)).toThrow(
        /TRUSTED_PROXIES must be/,
      );
  });
});

describe("without the server's record of the peer", () => {
  it("falls back to the rightmost X-Forwarded-For entry (Next.js puts the peer there)", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.7" }), 0)).toBe("203.0.113.7");
    expect(clientIp(new Headers(), 0)).toBe("unknown");
    expect(requestMetaFrom(new Headers({ "user-agent": "UA" }))).toEqual({ ip: null, userAgent: "UA" });
  });
});
