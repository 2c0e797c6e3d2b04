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
  return handler(request, event);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt|.*\\.(?:png|svg|ico|jpg|webp)$).*)"],
};
