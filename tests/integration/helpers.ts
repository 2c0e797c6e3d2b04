import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { eq } from "drizzle-orm";
import { closeDb, getDb, type Db } from "@/db/client";
import { organizations, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import type { ApiKeyActor, Ctx, UserCtx } from "@/lib/context";

export const TEST_PASSWORD = "correct horse battery";

export const usingPostgres = !!process.env.DATABASE_URL?.trim();

/** Emails are unique across all organisations, and PostgreSQL runs share one database. */
export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${randomUUID().slice(0, 12)}@example.test`;
}

/** A fresh IP per test, so the per-IP sign-in limit never leaks between tests. */
export function uniqueIp(): string {
  const [a, b, c] = randomBytes(3);
  return `10.${a}.${b}.${c}`;
}

/** Opens the database for the file (migrating it) and closes it afterwards. */
export function setupTestDb(): () => Db {
  let db: Db | undefined;
  beforeAll(async () => {
    db = await getDb();
  });
  afterAll(async () => {
    await closeDb();
  });
  return () => {
    if (!db) throw new Error("The test database is not open yet");
    return db;
  };
}

export type TestUser = { id: string; email: string; name: string; role: Role; password: string; ctx: UserCtx };
export type TestOrg = { orgId: string; name: string; owner: TestUser; rep: TestUser; staff: TestUser };

let passwordHash: Promise<string> | undefined;

/** An organisation with one owner, rep and staff, written directly so tests don't depend on the code under test. */
export async function createTestOrg(db: Db, name = `Test Org ${randomUUID().slice(0, 8)}`): Promise<TestOrg> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const [org] = await db.insert(organizations).values({ name }).returning({ id: organizations.id });
  const orgId = org!.id;
  const make = async (role: Role): Promise<TestUser> => {
    const email = uniqueEmail(role);
    const userName = `${role[0]!.toUpperCase()}${role.slice(1)} ${email.slice(role.length + 1, role.length + 7)}`;
    const [row] = await db
      .insert(users)
      .values({ orgId, email, name: userName, role, passwordHash: hash })
      .returning({ id: users.id });
    const id = row!.id;
    return {
      id,
      email,
      name: userName,
      role,
      password: TEST_PASSWORD,
      ctx: { orgId, actor: { kind: "user", id, role }, db },
    };
  };
  return { orgId, name, owner: await make("owner"), rep: await make("rep"), staff: await make("staff") };
}

export async function findUser(db: Db, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

/** A context acting as a public API key of the organisation (the key need not exist for lib calls). */
export function apiKeyTestCtx(db: Db, orgId: string, name = "Test key"): Ctx<ApiKeyActor> {
  return { orgId, db, actor: { kind: "api_key", id: randomUUID(), name } };
}

/** An audit row as insertRows takes it: a system entry about a contact of the organisation. */
export function auditRow(orgId: string, action: string, after: Record<string, unknown> | null = null) {
  return {
    id: randomUUID(),
    orgId,
    actorKind: "system",
    actorId: null,
    actorKey: "system:test",
    actorLabel: "Test",
    action,
    targetType: "contact",
    targetId: null,
    targetLabel: "",
    before: null,
    after,
    data: {},
    ip: null,
    userAgent: null,
  };
}
