import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { baseAuthConfig } from "./auth.config";
import { authenticate, authenticationMessage } from "./authenticate";
import { clientIp } from "../request-meta";

/** Carries the reason a sign-in failed to the login form (Auth.js passes `code` through). */
class SignInRefused extends CredentialsSignin {
  constructor(message: string) {
    super(message);
    this.code = message;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const base = baseAuthConfig();
  return {
    ...base,
    callbacks: {
      ...base.callbacks,
      // A successful sign-in starts a server-side session; the cookie carries its id.
      async jwt(params) {
        const token = await base.callbacks!.jwt!(params);
        if (params.user && token) {
          const { getDb } = await import("@/db/client");
          const { startSession } = await import("./sessions");
          token.sid = await startSession(await getDb(), {
            id: String(params.user.id),
            orgId: String(params.user.orgId),
          });
        }
        return token;
      },
    },
    providers: [
      Credentials({
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const email = typeof credentials?.email === "string" ? credentials.email : "";
          const password = typeof credentials?.password === "string" ? credentials.password : "";
          if (!email || !password) throw new SignInRefused("Enter your email and password.");
          const { getDb } = await import("@/db/client");
          const result = await authenticate(await getDb(), {
            email,
            password,
            ip: clientIp(request.headers),
            userAgent: request.headers.get("user-agent")?.slice(0, 500) ?? null,
          });
          if (!result.ok) throw new SignInRefused(authenticationMessage(result));
          return result.user;
        },
      }),
    ],
  };
});
