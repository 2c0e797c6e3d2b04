import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import type { UserCtx } from "../context";
import { UnauthenticatedError } from "../errors";
import { auth } from "./auth";
import { liveSession } from "./sessions";
import type { Role } from "./roles";

export type SessionContext = UserCtx & {
  user: { id: string; email: string; name: string; role: Role };
  org: { id: string; name: string; locale: string; timeZone: string; currency: string };
};

/**
 * The signed-in person, re-read from the database on every request so that a role change or a
 * deactivation takes effect at once, not when the session cookie expires.
 */
export const loadSessionContext = cache(async (): Promise<SessionContext | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  const orgId = session?.user?.orgId;
  const sessionId = session?.sessionId;
  if (!userId || !orgId || !sessionId) return null;
  const db = await getDb();
  // The session row must still be live: sign-out ends it, whatever copy of the cookie survives.
  const live = await liveSession(db, { sessionId, userId, orgId });
  if (!live) return null;
  return { orgId, db, actor: { kind: "user", id: live.user.id, role: live.user.role }, ...live };
});

/** For pages: no session sends the person to sign in. */
export async function requireSession(): Promise<SessionContext> {
  const ctx = await loadSessionContext();
  if (!ctx) redirect("/login");
  return ctx;
}

/** For server actions and route handlers: no session is an error mapped at the edge. */
export async function requireActionSession(): Promise<SessionContext> {
  const ctx = await loadSessionContext();
  if (!ctx) throw new UnauthenticatedError();
  return ctx;
}
