import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { organizations, users } from "@/db/schema";
import type { UserCtx } from "../context";
import { UnauthenticatedError } from "../errors";
import { auth } from "./auth";
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
  if (!userId || !orgId) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      orgName: organizations.name,
      locale: organizations.locale,
      timeZone: organizations.timeZone,
      currency: organizations.currency,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(and(eq(users.id, userId), eq(users.orgId, orgId), eq(users.active, true)))
    .limit(1);
  if (!row) return null;
  return {
    orgId,
    db,
    actor: { kind: "user", id: row.id, role: row.role },
    user: { id: row.id, email: row.email, name: row.name, role: row.role },
    org: { id: orgId, name: row.orgName, locale: row.locale, timeZone: row.timeZone, currency: row.currency },
  };
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
