import type { RequestMeta } from "./context";

/**
 * Set on every request by the server itself (lib/socket-address.ts), overwriting anything a client
 * sent under these names: the address of the TCP peer, and the X-Forwarded-For the request arrived
 * with (empty when it had none; Next.js fills that header in itself, so it cannot tell us).
 */
export const SOCKET_ADDRESS_HEADER = "x-tend-socket-address";
export const ARRIVED_FORWARDED_FOR_HEADER = "x-tend-arrived-forwarded-for";

/**
 * How many proxies in front of Tend are trusted to append the address they saw to X-Forwarded-For
 * (`TRUSTED_PROXIES`, default 0: the client is the TCP peer and the header is ignored).
 */
export function trustedProxies(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.TRUSTED_PROXIES?.trim();
  if (!raw) return 0;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 0 || count > 20) {
    throw new Error(
      `TRUSTED_PROXIES must be a whole number from 0 to 20 (the proxies in front of Tend), not "${raw}".`,
    );
  }
  return count;
}

function normalise(address: string): string {
  const a = address.trim();
  // An IPv4 client on a dual-stack socket shows as ::ffff:1.2.3.4.
  return a.toLowerCase().startsWith("::ffff:") && a.includes(".") ? a.slice(7) : a;
}

/**
 * The caller's address ("unknown" when there is none). The hops are X-Forwarded-For's entries
 * followed by the TCP peer; every trusted proxy appended one entry, so the client is the entry
 * `trusted` places left of the peer. Entries further left were written by the client and are
 * never believed. A request that came through fewer proxies than configured gets the leftmost hop.
 */
export function clientIp(headers: Headers, trusted = trustedProxies()): string {
  const socket = headers.get(SOCKET_ADDRESS_HEADER)?.trim();
  // Without the server's own record (e.g. a runtime that does not set it) Next.js's header is used:
  // it holds the peer when the client sent none.
  const forwarded = socket !== undefined ? headers.get(ARRIVED_FORWARDED_FOR_HEADER) : headers.get("x-forwarded-for");
  const hops = (forwarded ?? "")
    .split(",")
    .map(normalise)
    .filter((hop) => hop.length > 0);
  if (socket) hops.push(normalise(socket));
  if (hops.length === 0) return "unknown";
  return hops[Math.max(0, hops.length - 1 - trusted)]!;
}

/** What the audit log keeps about a request: its IP and user agent. */
export function requestMetaFrom(headers: Headers): RequestMeta {
  const ip = clientIp(headers);
  return { ip: ip === "unknown" ? null : ip, userAgent: headers.get("user-agent")?.slice(0, 500) ?? null };
}
