import { getToken } from "next-auth/jwt";
import type { DbOrTx } from "@/db/client";
import { endSession } from "./sessions";

/** Cookies Auth.js may have set for a session (either scheme, chunked session tokens included). */
const AUTH_COOKIE = /^(__Secure-|__Host-)?authjs\.(session-token(\.\d+)?|csrf-token|callback-url)$/;

function cookieNames(request: Request): string[] {
  return (request.headers.get("cookie") ?? "")
    .split(";")
    .map((part) => part.split("=")[0]!.trim())
    .filter((name) => AUTH_COOKIE.test(name));
}

/** A sign-out posted from another site is refused: nobody may sign a person out behind their back. */
function crossSite(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site) return site !== "same-origin" && site !== "none";
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * Signs out: ends the server-side session named by the cookie, deletes every Auth.js cookie and
 * tells the browser to drop what it cached for this site, then sends it to the sign-in page with
 * a full page load (303), so no page or router cache of the old session survives in the tab.
 */
export async function signOutResponse(request: Request, db: DbOrTx, secret: string): Promise<Response> {
  if (crossSite(request)) return new Response("Sign-out must come from Tend itself.", { status: 403 });
  for (const secureCookie of [false, true]) {
    const token = await getToken({ req: request, secret, secureCookie });
    if (typeof token?.sid === "string") await endSession(db, token.sid);
  }
  const headers = new Headers({
    location: new URL("/login", request.url).pathname,
    "cache-control": "no-store",
    // "cache" also evicts the back/forward cache, so Back cannot show a page of the old session.
    // ("cookies" would reach every site on the registrable domain, so the cookies are named below.)
    "clear-site-data": '"cache"',
  });
  for (const name of cookieNames(request)) {
    const secure = name.startsWith("__Secure-") || name.startsWith("__Host-");
    headers.append(
      "set-cookie",
      `${name}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`,
    );
  }
  return new Response(null, { status: 303, headers });
}
