import { describe, expect, it } from "vitest";
import { createContact, getContact } from "@/lib/customers/contacts";
import { findDuplicates, mergeContacts, possibleDuplicatesOf } from "@/lib/customers/duplicates";
import { logInteraction } from "@/lib/customers/interactions";
import { addNote } from "@/lib/customers/notes";
import { tagContact, contactTagList } from "@/lib/customers/tags";
import { contactTimeline } from "@/lib/customers/timeline";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { createLead } from "@/lib/leads/leads";
import { getLeadDetail } from "@/lib/leads/detail";
import { getPipeline } from "@/lib/leads/pipeline";
import { createTestOrg, setupTestDb, uniqueEmail } from "./helpers";

const db = setupTestDb();
const visit = (contactId: string, amount: string) => ({
  contactId,
  type: "purchase",
  channel: "",
  direction: "inbound",
  subject: "Bought",
  notes: "",
  durationMinutes: "",
  outcome: "",
  amount,
  followUpRequired: false,
  followUpDate: "",
  followUpTitle: "",
});

describe("possible duplicates", () => {
  it("suggests similar names (not identical ones twice), within the organisation only", async () => {
    const org = await createTestOrg(db());
    const other = await createTestOrg(db());
    const add = (o: typeof org, firstName: string, lastName: string) =>
      createContact(o.rep.ctx, { firstName, lastName, email: "", phone: "", company: "" });
    const kath = await add(org, "Katherine", "Jones");
    const cath = await add(org, "Catherine", "Jones");
    const jon = await add(org, "Jon", "Smith");
    const john = await add(org, "John", "Smith");
    await add(org, "Priya", "Patel");
    await add(org, "Liam", "O'Brien");
    const same1 = await add(org, "Mary Jo", "Ray");
    const same2 = await add(org, "Mary-Jo", "Ray");
    await add(other, "Katharine", "Jones");

    const pairs = await findDuplicates(org.owner.ctx);
    const key = (p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].sort().join();
    const similar = pairs.filter((p) => p.reason === "similar_name");
    expect(similar.map(key).sort()).toEqual([[kath.id, cath.id].sort().join(), [jon.id, john.id].sort().join()].sort());
    expect(similar.every((p) => p.score! >= 0.5 && p.score! < 1)).toBe(true);
    // Identical once punctuation is ignored: reported once, as the same name.
    expect(pairs.filter((p) => key(p) === [same1.id, same2.id].sort().join()).map((p) => p.reason)).toEqual(["name"]);
    // On a profile, owners see the similar names; others are refused.
    expect((await possibleDuplicatesOf(org.owner.ctx, kath.id)).map((p) => p.name)).toEqual(["Catherine Jones"]);
    await expect(possibleDuplicatesOf(org.rep.ctx, kath.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await possibleDuplicatesOf(other.owner.ctx, kath.id)).toEqual([]);
    // Nothing from the other organisation is suggested.
    const ids = new Set([kath, cath, jon, john, same1, same2].map((c) => c.id));
    expect(pairs.every((p) => ids.has(p.a.id) && ids.has(p.b.id))).toBe(true);
  });

  it("finds the same email, phone or name, and merges keeping history, notes, tags and metrics", async () => {
    const org = await createTestOrg(db());
    const other = await createTestOrg(db());
    const email = uniqueEmail("dup");
    const a = await createContact(org.rep.ctx, { firstName: "Ana", lastName: "Lopez", email, phone: "", company: "" });
    const b = await createContact(org.rep.ctx, {
      firstName: "Ana",
      lastName: "López",
      email: email.toUpperCase(),
      phone: "+1 (212) 555-0100",
      company: "Acme",
    });
    const c = await createContact(org.rep.ctx, {
      firstName: "Zed",
      lastName: "Q",
      email: "",
      phone: "+1 212 555 0100",
      company: "",
    });
    const d = await createContact(org.rep.ctx, {
      firstName: "mary-jo",
      lastName: "ray",
      email: "",
      phone: "",
      company: "",
    });
    const e = await createContact(org.rep.ctx, {
      firstName: "Mary Jo",
      lastName: "Ray",
      email: "",
      phone: "",
      company: "",
    });

    const pairs = await findDuplicates(org.owner.ctx);
    const has = (reason: string, x: string, y: string) =>
      pairs.some((p) => p.reason === reason && [p.a.id, p.b.id].sort().join() === [x, y].sort().join());
    expect(has("email", a.id, b.id)).toBe(true);
    expect(has("phone", b.id, c.id)).toBe(true);
    expect(has("name", d.id, e.id)).toBe(true);
    await expect(findDuplicates(org.rep.ctx)).rejects.toBeInstanceOf(ForbiddenError);

    await logInteraction(org.rep.ctx, visit(a.id, "10.00"));
    await logInteraction(org.rep.ctx, visit(b.id, "5.50"));
    await addNote(org.rep.ctx, { contactId: b.id, body: "note on b", pinned: true, isPrivate: false });
    await tagContact(org.rep.ctx, b.id, "from-b");
    const firstStage = (await getPipeline(org.owner.ctx)).stages[0]!.id;
    const lead = await createLead(org.owner.ctx, {
      title: "Refill plan",
      stageId: firstStage,
      value: "100",
      ownerId: "",
      contactId: b.id,
      company: "",
      companySize: "",
      industry: "",
      jobTitle: "",
      source: "",
      expectedCloseDate: "",
      lostReason: "",
      manualAdjustment: "",
      manualReason: "",
    });
    await expect(mergeContacts(org.staff.ctx, { keepId: a.id, mergeId: b.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(mergeContacts(other.owner.ctx, { keepId: a.id, mergeId: b.id })).rejects.toBeInstanceOf(NotFoundError);
    await mergeContacts(org.owner.ctx, { keepId: a.id, mergeId: b.id });

    await expect(getContact(org.owner.ctx, b.id)).rejects.toBeInstanceOf(NotFoundError);
    const kept = await getContact(org.owner.ctx, a.id);
    expect(kept).toMatchObject({ totalVisits: 2, totalSpentMinor: 1550, phone: "+1 (212) 555-0100", company: "Acme" });
    expect((await contactTagList(org.owner.ctx, [a.id])).map((t) => t.name)).toEqual(["from-b"]);
    const types = (await contactTimeline(org.owner.ctx, a.id, { limit: 100 })).entries.map((x) => x.type);
    expect(types.filter((t) => t === "interaction.logged")).toHaveLength(2);
    expect(types).toEqual(expect.arrayContaining(["note.added", "tag.added", "contact.merged"]));
    // The merged profile's lead now belongs to the kept customer.
    expect((await getLeadDetail(org.owner.ctx, lead.id)).lead.contactId).toBe(a.id);
  });
});
