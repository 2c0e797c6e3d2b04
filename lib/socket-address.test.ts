import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { recordSocketAddresses } from "./socket-address";
import { ARRIVED_FORWARDED_FOR_HEADER, clientIp, SOCKET_ADDRESS_HEADER } from "./request-meta";

recordSocketAddresses();
let seen: IncomingHttpHeaders = {};
const server = createServer((req, res) => {
  seen = { ...req.headers };
  res.end("ok");
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function get(headers: Record<string, string>) {
  return new Promise<void>((resolve, reject) => {
    const port = (server.address() as AddressInfo).port;
    const req = httpRequest({ host: "127.0.0.1", port, path: "/", headers }, (res) => {
      res.resume();
      res.on("end", resolve);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("recordSocketAddresses", () => {
  it("stamps the TCP peer over anything the client sent, and keeps the X-Forwarded-For it arrived with", async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    await get({ "x-forwarded-for": "6.6.6.6", [SOCKET_ADDRESS_HEADER]: "7.7.7.7", [ARRIVED_FORWARDED_FOR_HEADER]: "" });
    expect(seen[SOCKET_ADDRESS_HEADER]).toMatch(/127\.0\.0\.1$/);
    expect(seen[ARRIVED_FORWARDED_FOR_HEADER]).toBe("6.6.6.6");
    const headers = new Headers(seen as Record<string, string>);
    expect(clientIp(headers, 0)).toBe("127.0.0.1");
    expect(clientIp(headers, 1)).toBe("6.6.6.6");

    await get({});
    expect(seen[ARRIVED_FORWARDED_FOR_HEADER]).toBe("");
    expect(clientIp(new Headers(seen as Record<string, string>), 1)).toBe("127.0.0.1");
  });
});
