import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { isUuid } from "@/db/uuid-array";
import { organizations, userSessions, users } from "@/db/schema";
import type { Role } from "./roles";

/**
 * Server-side sessions. The signed cookie names a row of `user_sessions`; the cookie alone never
 * signs anyone in. Sign-out ends the row, so a copy of the cookie that survives it (a response
 * still in flight, a second tab, a stolen value) is dead on the server whatever the timing.
 */

export async function startSession(db: DbOrTx, user: { id: string; orgId: string }, now = new Date()): Promise<string> {
  const [row] = await db
    .insert(userSessions)
    .values({ userId: user.id, orgId: user.orgId, createdAt: now })
    .returning({ id: userSessions.id });
  return row!.id;
}

/** Ends a session; ending one that has already ended (or never existed) does nothing. */
export async function endSession(db: DbOrTx, sessionId: string, now = new Date()): Promise<void> {
  if (!isUuid(sessionId)) return;
  await db
    .update(userSessions)
    .set({ endedAt: now })
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.endedAt)));
}

export type LiveSession = {
  user: { id: string; email: string; name: string; role: Role };
  org: { id: string; name: string; locale: string; timeZone: string; currency: string };
};

/**
 * The person and organisation behind a session cookie's claims, or null when the session has
 * ended, the teammate was deactivated or the claims do not match the row.
 */
export async function liveSession(
  db: DbOrTx,
  claims: { sessionId: string; userId: string; orgId: string },
): Promise<LiveSession | null> {
  if (!isUuid(claims.sessionId) || !isUuid(claims.userId) || !isUuid(claims.orgId)) return null;
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
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(
      and(
        eq(userSessions.id, claims.sessionId),
        isNull(userSessions.endedAt),
        eq(users.id, claims.userId),
        eq(users.orgId, claims.orgId),
        eq(userSessions.orgId, claims.orgId),
        eq(users.active, true),
      ),
    )
    .limit(1);
  if (!row) return null;
  return {
    user: { id: row.id, email: row.email, name: row.name, role: row.role },
    org: { id: claims.orgId, name: row.orgName, locale: row.locale, timeZone: row.timeZone, currency: row.currency },
  };
}
