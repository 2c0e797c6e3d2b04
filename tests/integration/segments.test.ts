import { afterAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { contacts, eventOutbox, segmentMembers } from "@/db/schema";
import { EVENT_SCHEMAS } from "@/lib/events/catalog";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import {
  createSegment,
  deleteSegment,
  duplicateSegment,
  getSegment,
  listSegments,
  updateSegment,
} from "@/lib/segments/segments";
import { countMatching } from "@/lib/segments/query";
import { explainMembership } from "@/lib/segments/explain";
import { refreshSegment } from "@/lib/segments/membership";
import { refreshForEvent, refreshOrgSegments } from "@/lib/segments/refresh-org";
import { addStaticMembers, addStaticMembersByEmail, removeStaticMember } from "@/lib/segments/static-members";
import { exportMembersCsv, listMembers } from "@/lib/segments/members";
import { registerSegmentUsage } from "@/lib/segments/usages";
import { updateContactDetails, toDetailsForm } from "@/lib/customers/contacts";
import { refreshOnChange, refreshOnChangeConfig } from "@/inngest/functions/refresh-segments";
import { startHarness, testClient, type Harness } from "../executor/harness";
import { createTestOrg, setupTestDb } from "./helpers";
import { all, cond, insertContacts } from "./segment-fixtures";

const db = setupTestDb();
const bigSpenders = (name = "Big spenders") => ({
  name,
  description: "Spent 1,000 or more",
  criteria: all(cond("contact.total_spent", "gte", 100_000)),
});

async function segmentEvents(orgId: string, segmentId: string) {
  const rows = await db().select().from(eventOutbox).where(eq(eventOutbox.orgId, orgId));
  return rows
    .filter((r) => r.name.startsWith("crm/segment.") && r.data.segmentId === segmentId)
    .map((r) => ({ name: r.name, contactId: r.data.contactId as string, data: r.data }));
}

async function csvOf(gen: AsyncGenerator<string>) {
  let out = "";
  for await (const chunk of gen) out += chunk;
  return out;
}

let harness: Harness | undefined;
afterAll(async () => {
  await harness?.close();
});

describe("segments", () => {
  it("owners create, edit, duplicate and delete; rep and staff read; another org reads not found", async () => {
    const org = await createTestOrg(db());
    const other = await createTestOrg(db());
    await insertContacts(db(), org.orgId, [
      { firstName: "Rich", totalSpentMinor: 250_000 },
      { firstName: "Poor", totalSpentMinor: 100 },
    ]);
    await expect(createSegment(org.rep.ctx, bigSpenders())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createSegment(org.staff.ctx, bigSpenders())).rejects.toBeInstanceOf(ForbiddenError);
    const seg = await createSegment(org.owner.ctx, bigSpenders());
    expect(seg.memberCount).toBe(1);
    expect(await countMatching(org.staff.ctx, seg.criteria)).toBe(1);
    expect((await listSegments(org.rep.ctx)).map((s) => [s.name, s.memberCount])).toEqual([["Big spenders", 1]]);
    await expect(createSegment(org.owner.ctx, bigSpenders("big SPENDERS"))).rejects.toMatchObject({
      fieldErrors: { name: expect.stringMatching(/already/) },
    });
    await expect(createSegment(org.owner.ctx, { name: "No criteria" })).rejects.toBeInstanceOf(ValidationError);

    await expect(getSegment(other.owner.ctx, seg.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateSegment(other.owner.ctx, seg.id, bigSpenders())).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteSegment(other.owner.ctx, seg.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listMembers(other.owner.ctx, seg.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await listSegments(other.owner.ctx)).toEqual([]);
    expect(await countMatching(other.owner.ctx, seg.criteria)).toBe(0);
    const [rich] = (await listMembers(org.owner.ctx, seg.id)).rows;
    await expect(explainMembership(other.owner.ctx, seg.criteria, rich!.id)).rejects.toBeInstanceOf(NotFoundError);

    await expect(updateSegment(org.rep.ctx, seg.id, bigSpenders())).rejects.toBeInstanceOf(ForbiddenError);
    const edited = await updateSegment(org.owner.ctx, seg.id, {
      ...bigSpenders("Spent anything"),
      criteria: all(cond("contact.total_spent", "gt", 0)),
    });
    expect(edited.memberCount).toBe(2);
    const copy = await duplicateSegment(org.owner.ctx, seg.id);
    expect(copy).toMatchObject({ name: "Spent anything (copy)", memberCount: 2 });
    expect((await duplicateSegment(org.owner.ctx, seg.id)).name).toBe("Spent anything (copy 2)");
    await expect(deleteSegment(org.staff.ctx, copy.id)).rejects.toBeInstanceOf(ForbiddenError);
    await deleteSegment(org.owner.ctx, copy.id);
    await expect(getSegment(org.owner.ctx, copy.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses to delete a segment something uses, naming what", async () => {
    const org = await createTestOrg(db());
    const seg = await createSegment(org.owner.ctx, bigSpenders());
    const unregister = registerSegmentUsage(async (_db, orgId, segmentId) =>
      orgId === org.orgId && segmentId === seg.id ? [{ kind: "playbook", name: "Win back" }] : [],
    );
    try {
      await expect(deleteSegment(org.owner.ctx, seg.id)).rejects.toThrow(ConflictError);
      await expect(deleteSegment(org.owner.ctx, seg.id)).rejects.toThrow(/playbook “Win back”/);
    } finally {
      unregister();
    }
    await deleteSegment(org.owner.ctx, seg.id);
  });

  it("a refresh stores who entered and left and announces each, in the catalog's shape", async () => {
    const org = await createTestOrg(db());
    const [a, b] = await insertContacts(db(), org.orgId, [
      { firstName: "A", totalSpentMinor: 200_000 },
      { firstName: "B", totalSpentMinor: 0 },
    ]);
    const seg = await createSegment(org.owner.ctx, bigSpenders());
    // The first computation is the baseline: nobody "entered".
    expect(await segmentEvents(org.orgId, seg.id)).toEqual([]);
    await db().update(contacts).set({ totalSpentMinor: 150_000 }).where(eq(contacts.id, b!.id));
    await db().update(contacts).set({ totalSpentMinor: 10 }).where(eq(contacts.id, a!.id));
    expect(await refreshSegment(db(), org.orgId, seg.id)).toEqual({ members: 1, entered: 1, exited: 1 });
    const events = await segmentEvents(org.orgId, seg.id);
    expect(events.map((e) => [e.name, e.contactId]).sort()).toEqual(
      [
        ["crm/segment.entered", b!.id],
        ["crm/segment.exited", a!.id],
      ].sort(),
    );
    for (const e of events) expect(() => EVENT_SCHEMAS[e.name as "crm/segment.entered"].parse(e.data)).not.toThrow();
    const members = await db().select().from(segmentMembers).where(eq(segmentMembers.segmentId, seg.id));
    expect(members.map((m) => m.contactId)).toEqual([b!.id]);
    // Nothing changed: nothing announced.
    expect(await refreshSegment(db(), org.orgId, seg.id)).toEqual({ members: 1, entered: 0, exited: 0 });
    expect((await getSegment(org.owner.ctx, seg.id)).memberCount).toBe(1);
  });

  it("relative-time segments drift with the clock: the scheduled pass moves people out; event refreshes skip what they cannot affect", async () => {
    const org = await createTestOrg(db());
    const t0 = new Date("2026-05-10T15:00:00Z");
    const [v] = await insertContacts(db(), org.orgId, [
      { firstName: "Vic", lastVisitAt: new Date("2026-05-08T15:00:00Z") },
    ]);
    const seg = await createSegment(
      org.owner.ctx,
      { name: "Recent visitors", criteria: all(cond("contact.last_visit_at", "within_last_days", 7)) },
      t0,
    );
    expect(seg).toMatchObject({ memberCount: 1, timeRelative: true });
    const plain = await createSegment(
      org.owner.ctx,
      { name: "Named Vic", criteria: all(cond("contact.first_name", "is", "vic")) },
      t0,
    );
    expect(plain.timeRelative).toBe(false);
    const later = new Date(t0.getTime() + 10 * 86_400_000);
    expect(await refreshOrgSegments(db(), org.orgId, { onlyTimeRelative: true }, later)).toEqual({
      segments: 1,
      changed: 1,
    });
    expect((await segmentEvents(org.orgId, seg.id)).map((e) => [e.name, e.contactId])).toEqual([
      ["crm/segment.exited", v!.id],
    ]);
    // A lead event cannot change who is called Vic; a change older than the last refresh is already in.
    expect(await refreshForEvent(db(), org.orgId, "crm/lead.won", new Date(later.getTime() + 1))).toBe(0);
    expect(await refreshForEvent(db(), org.orgId, "crm/contact.updated", new Date(t0.getTime() - 1))).toBe(0);
    expect(await refreshForEvent(db(), org.orgId, "crm/contact.updated", new Date(later.getTime() + 1), later)).toBe(2);
  });

  it("static segments: hand-picked or from a CSV of emails, owners only, other orgs' customers ignored", async () => {
    const org = await createTestOrg(db());
    const other = await createTestOrg(db());
    const [x, y] = await insertContacts(db(), org.orgId, [
      { firstName: "X", email: "x@shop.test" },
      { firstName: "Y", email: "Y@Shop.test" },
    ]);
    const [stranger] = await insertContacts(db(), other.orgId, [{ firstName: "S", email: "s@shop.test" }]);
    const seg = await createSegment(org.owner.ctx, { name: "Launch party", kind: "static" });
    await expect(addStaticMembers(org.rep.ctx, seg.id, [x!.id])).rejects.toBeInstanceOf(ForbiddenError);
    expect(await addStaticMembers(org.owner.ctx, seg.id, [x!.id, stranger!.id])).toBe(1);
    const result = await addStaticMembersByEmail(
      org.owner.ctx,
      seg.id,
      "email,name\nx@shop.test,X\ny@shop.test,Y\nnobody@shop.test,N\ns@shop.test,S\n",
    );
    expect(result).toEqual({ added: 1, matched: 2, unknown: ["nobody@shop.test", "s@shop.test"] });
    expect((await getSegment(org.owner.ctx, seg.id)).memberCount).toBe(2);
    await removeStaticMember(org.owner.ctx, seg.id, x!.id);
    expect((await listMembers(org.staff.ctx, seg.id)).rows.map((r) => r.id)).toEqual([y!.id]);
    expect((await segmentEvents(org.orgId, seg.id)).map((e) => e.name).sort()).toEqual([
      "crm/segment.entered",
      "crm/segment.entered",
      "crm/segment.exited",
    ]);
    await expect(addStaticMembersByEmail(org.owner.ctx, seg.id, "no addresses here")).rejects.toBeInstanceOf(
      ValidationError,
    );
    const dynamic = await createSegment(org.owner.ctx, bigSpenders());
    await expect(addStaticMembers(org.owner.ctx, dynamic.id, [x!.id])).rejects.toBeInstanceOf(ValidationError);
  });

  it("exports members as formula-safe CSV, for owners only", async () => {
    const org = await createTestOrg(db());
    await insertContacts(db(), org.orgId, [
      { firstName: '=HYPERLINK("http://evil")', lastName: "+1", totalSpentMinor: 123_456 },
    ]);
    const seg = await createSegment(org.owner.ctx, bigSpenders());
    await expect(csvOf(exportMembersCsv(org.staff.ctx, seg.id))).rejects.toBeInstanceOf(ForbiddenError);
    const csv = await csvOf(exportMembersCsv(org.owner.ctx, seg.id));
    const [, line] = csv.split("\r\n");
    expect(line).toMatch(/^"'=HYPERLINK\(""http:\/\/evil""\)",'\+1,/);
    expect(line).toContain(",1234.56,");
  });

  it("a change announced by an event refreshes dependent segments through the executor", async () => {
    const org = await createTestOrg(db());
    const [c] = await insertContacts(db(), org.orgId, [{ firstName: "Wanda", preferredContactMethod: null }]);
    const seg = await createSegment(org.owner.ctx, {
      name: "Prefers WhatsApp",
      criteria: all(cond("contact.preferred_contact_method", "any_of", ["whatsapp"])),
    });
    expect(seg.memberCount).toBe(0);
    const made = testClient();
    harness = await startHarness(db(), made, [
      made.client.createFunction(refreshOnChangeConfig, refreshOnChange as never),
    ]);
    const [row] = await db()
      .select()
      .from(contacts)
      .where(and(eq(contacts.id, c!.id), eq(contacts.orgId, org.orgId)));
    await updateContactDetails(org.staff.ctx, c!.id, { ...toDetailsForm(row!), preferredContactMethod: "whatsapp" });
    const [announced] = await db()
      .select()
      .from(eventOutbox)
      .where(and(eq(eventOutbox.orgId, org.orgId), eq(eventOutbox.name, "crm/contact.updated")));
    // The relay's job, done by hand: hand the outbox row to the executor.
    await harness.send({ id: announced!.id, name: announced!.name, data: announced!.data });
    await harness.settle();
    expect((await getSegment(org.owner.ctx, seg.id)).memberCount).toBe(0);
    await harness.advance("5s");
    expect((await getSegment(org.owner.ctx, seg.id)).memberCount).toBe(1);
    expect((await segmentEvents(org.orgId, seg.id)).map((e) => [e.name, e.contactId])).toEqual([
      ["crm/segment.entered", c!.id],
    ]);
  });
});
