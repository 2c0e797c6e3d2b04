import { describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { auditEvents, contacts, organizations, users } from "@/db/schema";
import { insertDemoContacts } from "@/db/seed/demo";
import { authenticate } from "@/lib/auth/authenticate";
import { ValidationError } from "@/lib/errors";
import { createOrganizationWithOwner } from "@/lib/orgs/signup";
import { createTestOrg, uniqueEmail, uniqueIp, setupTestDb } from "./helpers";

const getDb = setupTestDb();

function signup(email = uniqueEmail("founder")) {
  return { orgName: "Juniper Florist", name: "Fiona Founder", email, password: "blooming-lovely" };
}

async function contactCount(orgId: string) {
  const [row] = await getDb().select({ n: count() }).from(contacts).where(eq(contacts.orgId, orgId));
  return row!.n;
}

describe("sign-up", () => {
  it("creates an organisation whose only member is its owner, who can sign in", async () => {
    const input = signup();
    const created = await createOrganizationWithOwner(getDb(), { ...input, email: input.email.toUpperCase() });
    expect(created.email).toBe(input.email);

    const [org] = await getDb().select().from(organizations).where(eq(organizations.id, created.orgId));
    expect(org).toMatchObject({ name: "Juniper Florist", isDemo: false });
    const members = await getDb().select().from(users).where(eq(users.orgId, created.orgId));
    expect(members).toHaveLength(1);
    expect(members[0]).toMatchObject({ id: created.userId, role: "owner", active: true, name: "Fiona Founder" });
    expect(members[0]!.passwordHash).not.toContain(input.password);

    const signedIn = await authenticate(getDb(), { email: input.email, password: input.password, ip: uniqueIp() });
    expect(signedIn).toMatchObject({ ok: true, user: { id: created.userId, orgId: created.orgId, role: "owner" } });
    const audit = await getDb().select().from(auditEvents).where(eq(auditEvents.orgId, created.orgId));
    expect(audit.map((e) => [e.action, e.actorId]).sort()).toEqual([
      ["auth.signed_in", created.userId],
      ["organization.created", created.userId],
    ]);
  });

  it("starts empty even when another organisation has contacts", async () => {
    const seeded = await createTestOrg(getDb());
    await insertDemoContacts(getDb(), seeded.orgId, 20, { seed: 42, ownerIds: [seeded.rep.id] });
    const created = await createOrganizationWithOwner(getDb(), signup());
    expect(await contactCount(seeded.orgId)).toBe(20);
    expect(await contactCount(created.orgId)).toBe(0);
  });

  it("rejects an email someone already signs in with, creating nothing", async () => {
    const existing = await createTestOrg(getDb());
    const name = `Duplicate ${uniqueEmail()}`;
    const attempt = createOrganizationWithOwner(getDb(), {
      ...signup(existing.staff.email.toUpperCase()),
      orgName: name,
    });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ fieldErrors: { email: expect.any(String) } });
    expect(await getDb().select().from(organizations).where(eq(organizations.name, name))).toEqual([]);
  });

  it("rejects malformed input", async () => {
    await expect(createOrganizationWithOwner(getDb(), { ...signup(), password: "short" })).rejects.toMatchObject({
      name: "ZodError",
    });
    await expect(createOrganizationWithOwner(getDb(), { ...signup(), orgName: "" })).rejects.toMatchObject({
      name: "ZodError",
    });
  });
});
