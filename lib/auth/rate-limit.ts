import { and, eq, gt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { loginAttempts } from "@/db/schema";

export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_FAILED_LOGINS = 10;

export type RateLimitVerdict = { limited: false } | { limited: true; retryAfterMinutes: number };

async function failuresSince(
  db: DbOrTx,
  column: typeof loginAttempts.email | typeof loginAttempts.ip,
  value: string,
  since: Date,
) {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int`, oldest: sql<Date | string | null>`min(${loginAttempts.createdAt})` })
    .from(loginAttempts)
    .where(and(eq(column, value), eq(loginAttempts.succeeded, false), gt(loginAttempts.createdAt, since)));
  return { count: row?.count ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null };
}

/** Failed sign-ins are limited per email and per IP over a sliding window. */
export async function checkLoginRateLimit(
  db: DbOrTx,
  email: string,
  ip: string,
  now = new Date(),
): Promise<RateLimitVerdict> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000);
  for (const [column, value] of [
    [loginAttempts.email, email],
    [loginAttempts.ip, ip],
  ] as const) {
    const { count, oldest } = await failuresSince(db, column, value, since);
    if (count >= MAX_FAILED_LOGINS) {
      const freesAt = (oldest ?? now).getTime() + LOGIN_WINDOW_MINUTES * 60_000;
      return { limited: true, retryAfterMinutes: Math.max(1, Math.ceil((freesAt - now.getTime()) / 60_000)) };
    }
  }
  return { limited: false };
}

export async function recordLoginAttempt(db: DbOrTx, email: string, ip: string, succeeded: boolean, now = new Date()) {
  await db.insert(loginAttempts).values({ email, ip, succeeded, createdAt: now });
}
