import type { NextAuthConfig } from "next-auth";
import type { Role } from "./roles";
import { getAuthSecret } from "./secret";

declare module "next-auth" {
  interface User {
    orgId?: string;
    role?: Role;
  }
  interface Session {
    user: { id: string; email: string; name: string; orgId: string; role: Role };
    /** The `user_sessions` row this cookie stands for (see ./sessions.ts). */
    sessionId: string;
  }
}

/**
 * The part of the auth setup that needs no database: shared by the proxy (which must stay
 * light) and the full setup in ./auth.ts.
 */
export function baseAuthConfig(): NextAuthConfig {
  return {
    secret: getAuthSecret(),
    // Tend is self-hosted behind its own host name; AUTH_TRUST_HOST=false turns this off.
    trustHost: process.env.AUTH_TRUST_HOST !== "false",
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/login" },
    providers: [],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.orgId = user.orgId;
          token.role = user.role;
        }
        return token;
      },
      session({ session, token }) {
        session.user = {
          ...session.user,
          id: String(token.uid ?? ""),
          orgId: String(token.orgId ?? ""),
          role: (token.role as Role) ?? "staff",
        };
        session.sessionId = String(token.sid ?? "");
        return session;
      },
    },
  };
}
