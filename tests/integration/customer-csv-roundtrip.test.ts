import { describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { contactTags, contacts, tags } from "@/db/schema";
import { exportToString } from "@/lib/customers/export";
import { parseListFilters } from "@/lib/customers/list.schema";
import { createImportJobFromStream } from "@/lib/customers/import/jobs";
import { guessMapping } from "@/lib/customers/import/fields";
import { parseCsv } from "@/lib/customers/import/csv-parse";
import { runImport, type StepRunner } from "@/lib/customers/import/run-import";
import { createTestOrg, setupTestDb, uniqueEmail } from "./helpers";

const db = setupTestDb();
const steps = (): StepRunner => ({ run: async (_id, fn) => fn() });

function streamOf(text: string, size = 7) {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

const FIELDS = {
  firstName: contacts.firstName,
  lastName: contacts.lastName,
  email: contacts.email,
  phone: contacts.phone,
  company: contacts.company,
  jobTitle: contacts.jobTitle,
  lifecycleStage: contacts.lifecycleStage,
  timeZone: contacts.timeZone,
};

describe("customers exported and imported again are unchanged", () => {
  it("every column, including values starting with =, +, -, @ and apostrophes", async () => {
    const from = await createTestOrg(db());
    const into = await createTestOrg(db());
    const people = [
      { firstName: "=Ana", lastName: "-Lopez", phone: "+33 6 12 34 56 78", company: "@Home", jobTitle: "+1 lead" },
      {
        firstName: "'=Quoted",
        lastName: "O'Brien",
        phone: "+1 212 555 0100",
        company: "=SUM(A1)",
        jobTitle: "-Founder",
      },
      { firstName: "Zoë", lastName: "Ünal, Jr.", phone: "+44 20 7946 0000", company: 'The "Best" Co', jobTitle: "" },
    ].map((p, i) => ({
      ...p,
      orgId: from.orgId,
      email: uniqueEmail(`rt${i}`),
      lifecycleStage: (["vip", "at_risk", "lead"] as const)[i]!,
      timeZone: ["Europe/Paris", "America/New_York", null][i]!,
    }));
    const inserted = await db().insert(contacts).values(people).returning({ id: contacts.id });
    const [tag] = await db().insert(tags).values({ orgId: from.orgId, name: "+vip", color: "#000000" }).returning();
    await db().insert(contactTags).values({ orgId: from.orgId, contactId: inserted[0]!.id, tagId: tag!.id });

    const csv = await exportToString(from.owner.ctx, parseListFilters({}));
    // The file neutralises formula-like cells for spreadsheets…
    expect(csv).toContain("'=Ana");
    expect(csv).toContain("'+33 6 12 34 56 78");
    // …and the CSV reads back to exactly the values stored, in every column.
    const [header, ...lines] = parseCsv(csv).rows;
    expect(lines.map((l) => l.slice(0, 5)).sort()).toEqual(
      people.map((p) => [p.firstName, p.lastName, p.email, p.phone, p.company]).sort(),
    );

    const id = await createImportJobFromStream(
      into.owner.ctx,
      { fileName: "export.csv", mode: "skip", mapping: guessMapping(header!) },
      streamOf(csv),
    );
    await runImport(async () => db(), { orgId: into.orgId, importId: id }, steps());

    const read = (orgId: string) =>
      db().select(FIELDS).from(contacts).where(eq(contacts.orgId, orgId)).orderBy(asc(contacts.email));
    const before = await read(from.orgId);
    const after = await read(into.orgId);
    expect(after).toEqual(before.map((c) => ({ ...c, jobTitle: c.jobTitle || null })));
    const importedTags = await db()
      .select({ name: tags.name })
      .from(contactTags)
      .innerJoin(tags, eq(tags.id, contactTags.tagId))
      .where(eq(contactTags.orgId, into.orgId));
    expect(importedTags).toEqual([{ name: "+vip" }]);
  });
});
