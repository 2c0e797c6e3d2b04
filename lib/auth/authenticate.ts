import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";
import { randomUUID } from "node:crypto";
import { hashPassword, verifyPassword } from "./password";
import { checkLoginRateLimit, recordLoginAttempt } from "./rate-limit";
import type { Role } from "./roles";
import { recordAudit } from "../audit/record";
import { systemActor } from "../actors";

export type AuthenticatedUser = { id: string; email: string; name: string; orgId: string; role: Role };

export type AuthenticationResult =
  | { ok: true; user: AuthenticatedUser }
  | { ok: false; reason: "invalid" | "deactivated" }
  | { ok: false; reason: "rate_limited"; retryAfterMinutes: number };

let decoyHash: Promise<string> | undefined;
function unknownUserHash() {
  decoyHash ??= hashPassword(randomUUID());
  return decoyHash;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function authenticate(
  db: DbOrTx,
  input: { email: string; password: string; ip: string; userAgent?: string | null },
  now = new Date(),
): Promise<AuthenticationResult> {
  const email = normalizeEmail(input.email);
  const verdict = await checkLoginRateLimit(db, email, input.ip, now);
  if (verdict.limited) return { ok: false, reason: "rate_limited", retryAfterMinutes: verdict.retryAfterMinutes };

  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`)
    .limit(1);
  // An unknown email costs the same scrypt work, so timing does not reveal who has an account.
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? (await unknownUserHash()));

  const succeeded = passwordOk && !!user?.active;
  await db.transaction(async (tx) => {
    await recordLoginAttempt(tx, email, input.ip, succeeded, now);
    // An unknown email belongs to no organisation, so only known teammates' sign-ins reach a log.
    if (!user) return;
    const actor = succeeded ? ({ kind: "user", id: user.id, role: user.role } as const) : systemActor("sign_in");
    const request = { ip: input.ip === "unknown" ? null : input.ip, userAgent: input.userAgent ?? null };
    await recordAudit(
      tx,
      { orgId: user.orgId, actor, db: tx, request },
      {
        action: succeeded ? "auth.signed_in" : "auth.sign_in_failed",
        target: { id: user.id, label: user.email },
        data: succeeded ? {} : { reason: passwordOk ? "deactivated" : "invalid" },
      },
    );
  });
  if (!user || !passwordOk) return { ok: false, reason: "invalid" };
  if (!user.active) return { ok: false, reason: "deactivated" };
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, orgId: user.orgId, role: user.role } };
}

export function authenticationMessage(result: Exclude<AuthenticationResult, { ok: true }>): string {
  switch (result.reason) {
    case "invalid":
      return "Wrong email or password.";
    case "deactivated":
      return "This account has been deactivated. Ask an owner of your organisation to reactivate it.";
    case "rate_limited":
      return `Too many failed sign-ins. Try again in ${result.retryAfterMinutes} minute${result.retryAfterMinutes === 1 ? "" : "s"}.`;
  }
}
