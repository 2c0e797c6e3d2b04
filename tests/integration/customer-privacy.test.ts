import { describe, expect, it } from "vitest";
import { createContact } from "@/lib/customers/contacts";
import { addNote, deleteNote, contactNotes, updateNote } from "@/lib/customers/notes";
import { contactTimeline } from "@/lib/customers/timeline";
import { listContacts } from "@/lib/customers/list";
import { parseListFilters } from "@/lib/customers/list.schema";
import { exportToString } from "@/lib/customers/export";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { createTestOrg, setupTestDb } from "./helpers";

const db = setupTestDb();

describe("private notes", () => {
  it("never reach another user: page (pinned), timeline, search or export", async () => {
    const org = await createTestOrg(db());
    const c = await createContact(org.rep.ctx, {
      firstName: "Priv",
      lastName: "Acy",
      email: "",
      phone: "",
      company: "",
    });
    const secret = "secretword-" + Math.random().toString(36).slice(2);
    const note = await addNote(org.rep.ctx, {
      contactId: c.id,
      body: `Rep only: ${secret}`,
      pinned: true,
      isPrivate: true,
    });
    await addNote(org.rep.ctx, { contactId: c.id, body: "Shared with the team", pinned: true, isPrivate: false });

    // The author sees it.
    expect((await contactNotes(org.rep.ctx, c.id)).map((n) => n.body)).toContain(`Rep only: ${secret}`);
    expect(JSON.stringify((await contactTimeline(org.rep.ctx, c.id)).entries)).toContain(secret);

    for (const other of [org.owner, org.staff]) {
      expect((await contactNotes(other.ctx, c.id)).map((n) => n.body)).toEqual(["Shared with the team"]);
      const timeline = await contactTimeline(other.ctx, c.id);
      expect(JSON.stringify(timeline.entries)).not.toContain(secret);
      expect((await contactTimeline(other.ctx, c.id, { type: "note" })).entries).toHaveLength(1);
      expect((await listContacts(other.ctx, parseListFilters({ q: secret }))).rows).toHaveLength(0);
      // Editing, pinning or deleting someone else's private note reads as not found.
      await expect(updateNote(other.ctx, { noteId: note.id, pinned: false })).rejects.toBeInstanceOf(NotFoundError);
      await expect(deleteNote(other.ctx, note.id)).rejects.toBeInstanceOf(NotFoundError);
    }
    const csv = await exportToString(org.owner.ctx, parseListFilters({}));
    expect(csv).toContain("Shared with the team");
    expect(csv).not.toContain(secret);
  });

  it("authors edit their notes; owners delete shared notes; others cannot", async () => {
    const org = await createTestOrg(db());
    const other = await createTestOrg(db());
    const c = await createContact(org.rep.ctx, { firstName: "Ed", lastName: "It", email: "", phone: "", company: "" });
    const note = await addNote(org.rep.ctx, { contactId: c.id, body: "first", pinned: false, isPrivate: false });
    await expect(updateNote(org.staff.ctx, { noteId: note.id, body: "hijack" })).rejects.toBeInstanceOf(ForbiddenError);
    await updateNote(org.staff.ctx, { noteId: note.id, pinned: true });
    await updateNote(org.rep.ctx, { noteId: note.id, body: "second" });
    expect((await contactNotes(org.owner.ctx, c.id)).map((n) => n.body)).toEqual(["second"]);
    const [entry] = (await contactTimeline(org.owner.ctx, c.id, { type: "note" })).entries;
    expect(entry!.data).toMatchObject({ body: "second", pinned: true });
    await expect(deleteNote(org.staff.ctx, note.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteNote(other.owner.ctx, note.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      addNote(other.owner.ctx, { contactId: c.id, body: "x", pinned: false, isPrivate: false }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await deleteNote(org.owner.ctx, note.id);
    expect((await contactTimeline(org.rep.ctx, c.id, { type: "note" })).entries).toHaveLength(0);
  });

  it("export needs the owner's permission, neutralises formulas and keeps to the org and filters", async () => {
    const org = await createTestOrg(db());
    const other = await createTestOrg(db());
    await createContact(org.rep.ctx, {
      firstName: '=HYPERLINK("http://evil")',
      lastName: "@SUM(A1)",
      email: "",
      phone: "+1 555 0100",
      company: "-Co",
    });
    await createContact(other.rep.ctx, { firstName: "Foreign", lastName: "", email: "", phone: "", company: "" });
    await expect(exportToString(org.rep.ctx, parseListFilters({}))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(exportToString(org.staff.ctx, parseListFilters({}))).rejects.toBeInstanceOf(ForbiddenError);
    const lines = (await exportToString(org.owner.ctx, parseListFilters({}))).trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(lines[1]).toContain("'@SUM(A1)");
    expect(lines[1]).toContain("'+1 555 0100");
    expect(lines[1]).toContain("'-Co");
    expect(lines.join()).not.toContain("Foreign");
    expect(
      (await exportToString(org.owner.ctx, parseListFilters({ q: "nobody-matches" }))).trim().split("\r\n"),
    ).toHaveLength(1);
  });
  it("the notes card lists every note its reader may see, pinned first, newest first within each", async () => {
    const org = await createTestOrg(db());
    const c = await createContact(org.rep.ctx, { firstName: "No", lastName: "Tes", email: "", phone: "", company: "" });
    await addNote(org.rep.ctx, { contactId: c.id, body: "older shared", pinned: false, isPrivate: false });
    await addNote(org.rep.ctx, { contactId: c.id, body: "pinned shared", pinned: true, isPrivate: false });
    await addNote(org.rep.ctx, { contactId: c.id, body: "newer private", pinned: false, isPrivate: true });
    const seen = async (who: typeof org.rep) =>
      (await contactNotes(who.ctx, c.id)).map((n) => [n.body, n.pinned, n.isPrivate]);
    expect(await seen(org.rep)).toEqual([
      ["pinned shared", true, false],
      ["newer private", false, true],
      ["older shared", false, false],
    ]);
    for (const other of [org.owner, org.staff])
      expect(await seen(other)).toEqual([
        ["pinned shared", true, false],
        ["older shared", false, false],
      ]);
  });
});
