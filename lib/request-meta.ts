import type { RequestMeta } from "./context";

/** The caller's address as the proxy in front of Tend reports it ("unknown" when none does). */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "unknown";
}

/** What the audit log keeps about a request: its IP and user agent. */
export function requestMetaFrom(headers: Headers): RequestMeta {
  const ip = clientIp(headers);
  return { ip: ip === "unknown" ? null : ip, userAgent: headers.get("user-agent")?.slice(0, 500) ?? null };
}
