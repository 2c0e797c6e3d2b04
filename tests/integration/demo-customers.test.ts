import { describe, expect, it } from "vitest";
import { and, count, eq, gt } from "drizzle-orm";
import { contacts, followUps, interactions, notes, users } from "@/db/schema";
import { findDemoOrgId, seedDemoOnce } from "@/db/seed/demo";
import { myFollowUps } from "@/lib/customers/follow-ups";
import { contactNotes } from "@/lib/customers/notes";
import { contactTimeline } from "@/lib/customers/timeline";
import { setupTestDb, usingPostgres } from "./helpers";

const db = setupTestDb();

describe.skipIf(usingPostgres)("demo customers' history", () => {
  it("has interactions with metrics, notes (one kind private) and follow-ups due for the rep and staff", async () => {
    await seedDemoOnce(db());
    const orgId = (await findDemoOrgId(db()))!;
    const n = async (q: Promise<{ n: number }[]>) => (await q)[0]!.n;
    expect(
      await n(db().select({ n: count() }).from(interactions).where(eq(interactions.orgId, orgId))),
    ).toBeGreaterThan(40);
    expect(
      await n(
        db()
          .select({ n: count() })
          .from(contacts)
          .where(and(eq(contacts.orgId, orgId), gt(contacts.totalVisits, 0))),
      ),
    ).toBeGreaterThan(5);
    expect(await n(db().select({ n: count() }).from(followUps).where(eq(followUps.orgId, orgId)))).toBeGreaterThan(5);
    const [privateNote] = await db()
      .select()
      .from(notes)
      .where(and(eq(notes.orgId, orgId), eq(notes.isPrivate, true)))
      .limit(1);
    expect(privateNote).toBeDefined();

    const people = await db().select().from(users).where(eq(users.orgId, orgId));
    const ctx = (role: string) => {
      const u = people.find((p) => p.role === role)!;
      return { orgId, db: db(), actor: { kind: "user" as const, id: u.id, role: u.role } };
    };
    const rep = await myFollowUps(ctx("rep"));
    const staff = await myFollowUps(ctx("staff"));
    expect(rep.overdue.length + rep.dueToday.length).toBeGreaterThan(0);
    expect(staff.dueToday.length).toBeGreaterThan(0);
    // The rep's private note is hidden from the owner everywhere it could show.
    const ownerTimeline = await contactTimeline(ctx("owner"), privateNote!.contactId);
    expect(JSON.stringify(ownerTimeline.entries)).not.toContain(privateNote!.body);
    expect((await contactNotes(ctx("owner"), privateNote!.contactId)).map((x) => x.id)).not.toContain(privateNote!.id);
    expect(JSON.stringify((await contactTimeline(ctx("rep"), privateNote!.contactId)).entries)).toContain(
      privateNote!.body,
    );
  });
});
