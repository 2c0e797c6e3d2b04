import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { eventOutbox } from "@/db/schema";
import { createContact } from "@/lib/customers/contacts";
import { bulkUpdate, tagContact } from "@/lib/customers/tags";
import { createImportJob } from "@/lib/customers/import/jobs";
import { runImport } from "@/lib/customers/import/run-import";
import { createTestOrg, setupTestDb, uniqueEmail } from "./helpers";

const db = setupTestDb();
const eventsOf = async (orgId: string, name: string) =>
  (
    await db()
      .select({ data: eventOutbox.data })
      .from(eventOutbox)
      .where(and(eq(eventOutbox.orgId, orgId), eq(eventOutbox.name, name)))
  ).map((e) => e.data);

describe("customer events for playbooks", () => {
  it("creating a customer in the app emits crm/contact.created; a bulk import does not", async () => {
    const org = await createTestOrg(db());
    const c = await createContact(org.rep.ctx, {
      firstName: "Eve",
      lastName: "",
      email: uniqueEmail("eve"),
      phone: "",
      company: "",
    });
    expect(await eventsOf(org.orgId, "crm/contact.created")).toEqual([
      { orgId: org.orgId, contactId: c.id, source: "app", actorId: org.rep.id },
    ]);

    const text = `First name,Email\nIvy,${uniqueEmail("ivy")}\nJon,${uniqueEmail("jon")}`;
    const importId = await createImportJob(org.owner.ctx, {
      fileName: "x.csv",
      text,
      mapping: { firstName: 0, email: 1 },
      mode: "skip",
    });
    await runImport(async () => db(), { orgId: org.orgId, importId }, { run: async (_id, fn) => fn() });
    expect(await eventsOf(org.orgId, "crm/contact.created")).toHaveLength(1);
  });

  it("a creation that fails emits nothing", async () => {
    const org = await createTestOrg(db());
    await expect(
      createContact(org.rep.ctx, { firstName: "", lastName: "", email: "", phone: "", company: "" }),
    ).rejects.toThrow();
    expect(await eventsOf(org.orgId, "crm/contact.created")).toEqual([]);
  });

  it("adding a tag emits crm/tag.added once per customer that did not have it, single and bulk", async () => {
    const org = await createTestOrg(db());
    const [a, b] = await Promise.all(
      ["Ann", "Bo"].map((firstName) =>
        createContact(org.rep.ctx, { firstName, lastName: "", email: "", phone: "", company: "" }),
      ),
    );
    await tagContact(org.staff.ctx, a!.id, "vip-list");
    await tagContact(org.staff.ctx, a!.id, "vip-list");
    const single = (await eventsOf(org.orgId, "crm/tag.added")) as { tagId: string }[];
    expect(single).toEqual([
      { orgId: org.orgId, contactId: a!.id, tagId: expect.any(String), tagName: "vip-list", actorId: org.staff.id },
    ]);

    expect(await bulkUpdate(org.rep.ctx, { op: "tag", ids: [a!.id, b!.id], tag: "vip-list" })).toBe(1);
    const all = (await eventsOf(org.orgId, "crm/tag.added")) as { contactId: string; tagId: string }[];
    expect(all.map((e) => e.contactId).sort()).toEqual([a!.id, b!.id].sort());
    expect(new Set(all.map((e) => e.tagId)).size).toBe(1);
    // Removing a tag is not an addition.
    await bulkUpdate(org.rep.ctx, { op: "untag", ids: [a!.id, b!.id], tag: "vip-list" });
    expect(await eventsOf(org.orgId, "crm/tag.added")).toHaveLength(2);
  });
});
