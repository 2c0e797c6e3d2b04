// Pages and endpoints reachable without signing in.
const PUBLIC_PREFIXES = [
  "/login",
  "/logout",
  "/signup",
  "/api/auth",
  "/api/health",
  "/api/metrics",
  "/api/inngest",
  "/api/executor",
  "/api/v1",
  "/api/webhooks",
  "/u/",
  "/r/",
];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PREFIXES.some(
    (prefix) => pathname === prefix || pathname.startsWith(prefix.endsWith("/") ? prefix : `${prefix}/`),
  );
}

// Browsers drop tabs and newlines from URLs, so "/\t/evil.com" would become "//evil.com".
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** Only same-site relative paths are followed after sign-in, never another origin. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\"))
    return "/";
  if (CONTROL_CHARACTERS.test(value)) return "/";
  if (value.startsWith("/login") || value.startsWith("/signup")) return "/";
  return value;
}
