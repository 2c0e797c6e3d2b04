import { describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { contacts, organizations, users } from "@/db/schema";
import { DEMO_CONTACT_COUNT, seedDemoOnce } from "@/db/seed/demo";
import { DEMO_PASSWORD, demoUsers } from "@/db/seed/demo-accounts";
import { authenticate } from "@/lib/auth/authenticate";
import { uniqueIp, usingPostgres, setupTestDb } from "./helpers";

const getDb = setupTestDb();

// Copies of the demo workspace give parallel end-to-end workers an organisation each. The demo
// users' emails are globally unique, so on a shared PostgreSQL this could only pass once.
describe.skipIf(usingPostgres)("copies of the demo workspace", () => {
  it("are made with it, each with its own users and the same customers, and only Demo Co is the demo", async () => {
    expect(await seedDemoOnce(getDb(), new Date("2026-12-03T15:00:00Z"), 2)).toBe("created");

    const orgs = await getDb().select().from(organizations);
    expect(orgs.map((o) => o.name)).toEqual(["Demo Co", "Demo Co", "Demo Co"]);
    expect(orgs.filter((o) => o.isDemo)).toHaveLength(1);

    const customerEmails: string[][] = [];
    for (const copy of [0, 1, 2]) {
      const signedIn = new Set<string>();
      for (const u of demoUsers(copy)) {
        const result = await authenticate(getDb(), { email: u.email, password: DEMO_PASSWORD, ip: uniqueIp() });
        expect(result).toMatchObject({ ok: true, user: { role: u.role } });
        if (result.ok) signedIn.add(result.user.orgId);
      }
      // The three users of a copy share one organisation, and no other copy's.
      expect(signedIn.size).toBe(1);
      const [orgId] = [...signedIn];
      expect(orgs.find((o) => o.id === orgId)!.isDemo).toBe(copy === 0);
      const people = await getDb().select({ email: users.email }).from(users).where(eq(users.orgId, orgId!));
      expect(people.map((p) => p.email).sort()).toEqual(
        demoUsers(copy)
          .map((u) => u.email)
          .sort(),
      );
      const rows = await getDb().select({ email: contacts.email }).from(contacts).where(eq(contacts.orgId, orgId!));
      expect(rows).toHaveLength(DEMO_CONTACT_COUNT);
      customerEmails.push(rows.map((r) => r.email ?? "").sort());
    }
    expect(demoUsers(2).map((u) => u.email)).toEqual(["owner-2@tend.test", "rep-2@tend.test", "staff-2@tend.test"]);
    // The same customers in every copy, so the flows find what they look for in any of them.
    expect(customerEmails[1]).toEqual(customerEmails[0]);
    expect(customerEmails[2]).toEqual(customerEmails[0]);

    // Made once per database, copies and all.
    expect(await seedDemoOnce(getDb(), new Date(), 2)).toBe("exists");
    const [n] = await getDb().select({ n: count() }).from(organizations);
    expect(n!.n).toBe(3);
  });
});
