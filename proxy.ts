import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { baseAuthConfig } from "@/lib/auth/auth.config";
import { isPublicPath } from "@/lib/auth/public-paths";

// No database here: the proxy only reads the signed session cookie.
const { auth } = NextAuth(() => baseAuthConfig());

const guard = auth((request) => {
  const { pathname, search } = request.nextUrl;
  const signedIn = !!request.auth?.user;
  if (!signedIn && !isPublicPath(pathname)) {
    const login = new URL("/login", request.nextUrl);
    login.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(login);
  }
  return NextResponse.next();
});

export async function proxy(request: NextRequest, event: NextFetchEvent) {
  // With a lazily built config, Auth.js hands back the wrapped handler through a promise.
  const handler = (await guard) as unknown as (r: NextRequest, e: NextFetchEvent) => Promise<Response>;
  const response = await handler(request, event);
  // Auth.js re-issues the session cookie on every request it reads. A request that left the browser
  // before sign-out and is answered after it would put the old cookie back, so only sign-in sets it
  // (and the server ends the session anyway: lib/auth/sessions.ts).
  response.headers.delete("set-cookie");
  return response;
}

// Public endpoints that check their own authority (API key, signature, signed token) and the sign-in
// pages (public: the proxy has nothing to do there) stay out of the
// proxy: a request the proxy sees has its body copied and buffered (up to proxyClientMaxBodySize)
// before any handler runs, and those endpoints refuse large bodies before reading them whole.
export const config = {
  matcher: [
    "/((?!_next/static|_next/image|favicon.ico|robots.txt|api/v1/|api/webhooks/|v1/checkpoint/|api/auth/|u/|login$|signup$|logout$|.*\\.(?:png|svg|ico|jpg|webp)$).*)",
  ],
};
