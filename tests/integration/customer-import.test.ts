import { describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { activities, contactImports, contacts, eventOutbox } from "@/db/schema";
import { createImportJob, getImportStatus, rejectedRowsCsv } from "@/lib/customers/import/jobs";
import { processImportBatch } from "@/lib/customers/import/process-batch";
import { processBatchesFrom, runImport, type StepRunner } from "@/lib/customers/import/run-import";
import { guessMapping } from "@/lib/customers/import/fields";
import { parseCsv } from "@/lib/customers/import/csv-parse";
import { createContact } from "@/lib/customers/contacts";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { importContacts } from "@/inngest/functions/import-contacts";
import { createTestOrg, setupTestDb, uniqueEmail } from "./helpers";

const db = setupTestDb();
const steps = (): StepRunner & { ids: string[] } => {
  const ids: string[] = [];
  return { ids, run: async (id, fn) => (ids.push(id), fn()) };
};
const mappingFor = (text: string) => guessMapping(parseCsv(text).rows[0]!);

describe("customer import", () => {
  it("imports good rows, rejects malformed ones with reasons, and skips or updates existing emails", async () => {
    const org = await createTestOrg(db());
    const existing = uniqueEmail("old");
    await createContact(org.owner.ctx, { firstName: "Old", lastName: "Name", email: existing, phone: "", company: "" });
    const fresh = uniqueEmail("new");
    const text = [
      "First name,Last name,Email,Stage,Birthday,Tags",
      `Ana,Lopez,${fresh},vip,1990-04-21,wholesale;events`,
      `Bad,Email,not-an-email,lead,,`,
      `Bad,Date,${uniqueEmail("d")},lead,21/04/1990,`,
      `Bad,Stage,${uniqueEmail("s")},gold,,`,
      `Renamed,Person,${existing.toUpperCase()},active,,`,
      `,NoFirst,${uniqueEmail("n")},,,`,
    ].join("\n");
    const skipId = await createImportJob(org.owner.ctx, {
      fileName: "people.csv",
      text,
      mapping: mappingFor(text),
      mode: "skip",
    });
    const outbox = await db()
      .select()
      .from(eventOutbox)
      .where(and(eq(eventOutbox.orgId, org.orgId), eq(eventOutbox.name, "crm/contacts.import_requested")));
    expect(outbox.map((e) => e.data)).toEqual([{ orgId: org.orgId, importId: skipId }]);

    const s = steps();
    await runImport(async () => db(), { orgId: org.orgId, importId: skipId }, s);
    expect(s.ids).toEqual(["start", "rows-from-0", "finish"]);
    const status = await getImportStatus(org.owner.ctx, skipId);
    expect(status).toMatchObject({
      status: "completed",
      totalRows: 6,
      processedRows: 6,
      createdCount: 1,
      updatedCount: 0,
      skippedCount: 1,
      notLandedCount: 5,
    });
    const csv = await rejectedRowsCsv(org.owner.ctx, skipId);
    expect(csv).toContain('3,"bad email ""not-an-email"""');
    expect(csv).toContain('4,"bad date ""21/04/1990""');
    expect(csv).toContain('5,"unknown stage ""gold""');
    expect(csv).toContain("6,skipped: a customer with this email already exists");
    expect(csv).toContain("7,missing first name");
    const [ana] = await db()
      .select()
      .from(contacts)
      .where(and(eq(contacts.orgId, org.orgId), eq(contacts.email, fresh)));
    expect(ana).toMatchObject({ firstName: "Ana", lifecycleStage: "vip", birthday: "1990-04-21" });

    const updateId = await createImportJob(org.owner.ctx, {
      fileName: "again.csv",
      text,
      mapping: mappingFor(text),
      mode: "update",
    });
    await runImport(async () => db(), { orgId: org.orgId, importId: updateId }, steps());
    expect(await getImportStatus(org.owner.ctx, updateId)).toMatchObject({
      createdCount: 0,
      updatedCount: 2,
      skippedCount: 0,
    });
    const [renamed] = await db()
      .select()
      .from(contacts)
      .where(and(eq(contacts.orgId, org.orgId), eq(contacts.email, existing)));
    expect(renamed).toMatchObject({ firstName: "Renamed", lastName: "Person", lifecycleStage: "active" });
  });

  it("reads a semicolon file, and refuses a file whose delimiter leaves no name column or whose quote never closes", async () => {
    const org = await createTestOrg(db());
    const semi = `First name;Email\nSemi;${uniqueEmail("semi")}`;
    const id = await createImportJob(org.owner.ctx, {
      fileName: "semi.csv",
      text: semi,
      mapping: mappingFor(semi),
      mode: "skip",
    });
    await runImport(async () => db(), { orgId: org.orgId, importId: id }, steps());
    expect((await getImportStatus(org.owner.ctx, id)).createdCount).toBe(1);

    const glued = "First name Email\nAna ana@example.com";
    await expect(
      createImportJob(org.owner.ctx, { fileName: "x.csv", text: glued, mapping: mappingFor(glued), mode: "skip" }),
    ).rejects.toThrow(/First name or Full name/);
    await expect(
      createImportJob(org.owner.ctx, {
        fileName: "x.csv",
        text: 'First name\n"Ana',
        mapping: { firstName: 0 },
        mode: "skip",
      }),
    ).rejects.toThrow(/never closed/);
    await expect(
      createImportJob(org.owner.ctx, {
        fileName: "x.csv",
        text: "First name\n",
        mapping: { firstName: 0 },
        mode: "skip",
      }),
    ).rejects.toThrow(/no rows/);
  });

  it("is the owner's, and another organisation's import reads as not found", async () => {
    const org = await createTestOrg(db());
    const other = await createTestOrg(db());
    const text = "First name\nAna";
    for (const who of [org.rep, org.staff])
      await expect(
        createImportJob(who.ctx, { fileName: "a.csv", text, mapping: { firstName: 0 }, mode: "skip" }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    const id = await createImportJob(org.owner.ctx, {
      fileName: "a.csv",
      text,
      mapping: { firstName: 0 },
      mode: "skip",
    });
    await expect(getImportStatus(other.owner.ctx, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(processImportBatch(db(), other.orgId, id, 0)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("applies a retried batch once, and a failing batch leaves nothing half-imported", async () => {
    const org = await createTestOrg(db());
    const rows = Array.from({ length: 5 }, (_, i) => `P${i},${uniqueEmail("r")}`);
    const text = ["First name,Email", ...rows].join("\n");
    const id = await createImportJob(org.owner.ctx, {
      fileName: "r.csv",
      text,
      mapping: mappingFor(text),
      mode: "skip",
    });
    await processImportBatch(db(), org.orgId, id, 0, 3);
    expect((await processImportBatch(db(), org.orgId, id, 0, 3)).alreadyDone).toBe(true);
    // Make the batch fail after its contacts and timeline rows are written: recording its progress throws.
    const failing = {
      transaction: (fn: (tx: unknown) => Promise<unknown>) =>
        db().transaction((tx) =>
          fn(
            new Proxy(tx, {
              get(target, prop) {
                if (prop === "update")
                  return (table: unknown) =>
                    table === contactImports
                      ? { set: () => ({ where: () => Promise.reject(new Error("disk full")) }) }
                      : target.update(table as never);
                const value = Reflect.get(target, prop) as unknown;
                return typeof value === "function" ? value.bind(target) : value;
              },
            }),
          ),
        ),
    } as unknown as ReturnType<typeof db>;
    await expect(processImportBatch(failing, org.orgId, id, 3, 3)).rejects.toThrow("disk full");
    const [{ n: after }] = (await db().select({ n: count() }).from(contacts).where(eq(contacts.orgId, org.orgId))) as [
      { n: number },
    ];
    expect(after).toBe(3);
    const [{ n: timeline }] = (await db()
      .select({ n: count() })
      .from(activities)
      .where(eq(activities.orgId, org.orgId))) as [{ n: number }];
    expect(timeline).toBe(3);
    expect((await getImportStatus(org.owner.ctx, id)).processedRows).toBe(3);
    // A step runs batches until its time budget is spent (here: none, so one batch), then hands back where to go on.
    expect(await processBatchesFrom(db(), org.orgId, id, 3, 5, 1, 0)).toBe(4);
    expect(await processBatchesFrom(db(), org.orgId, id, 4, 5, 1, 60_000)).toBe(5);
    expect((await getImportStatus(org.owner.ctx, id)).processedRows).toBe(5);
    // A retried step whose batches already committed moves on without applying them twice.
    expect(await processBatchesFrom(db(), org.orgId, id, 3, 5, 1, 60_000)).toBe(5);
    const [{ n: final }] = (await db().select({ n: count() }).from(contacts).where(eq(contacts.orgId, org.orgId))) as [
      { n: number },
    ];
    expect(final).toBe(5);
  });

  it("the Inngest function's handler runs the same steps", async () => {
    const org = await createTestOrg(db());
    const id = await createImportJob(org.owner.ctx, {
      fileName: "f.csv",
      text: "First name\nFn",
      mapping: { firstName: 0 },
      mode: "skip",
    });
    const s = steps();
    const handler = (importContacts as unknown as { fn: (ctx: unknown) => Promise<unknown> }).fn;
    await handler({
      event: { name: "crm/contacts.import_requested", data: { orgId: org.orgId, importId: id } },
      step: s,
    });
    expect(s.ids).toEqual(["start", "rows-from-0", "finish"]);
    expect((await getImportStatus(org.owner.ctx, id)).status).toBe("completed");
  });

  it.skipIf(process.env.SKIP_BIG_IMPORT === "1")(
    "imports a 100,000-row file in batches",
    { timeout: 600_000 },
    async () => {
      const org = await createTestOrg(db());
      const tag = Math.random().toString(36).slice(2, 8);
      const lines = ["First name,Last name,Email,Phone,Company,Tags"];
      for (let i = 0; i < 100_000; i++)
        lines.push(
          `F${i},L${i},p${i}-${tag}@bulk.example,+1 555 ${String(i).padStart(7, "0")},Co ${i % 500},${i % 10 === 0 ? "ten" : ""}`,
        );
      lines.push("Broken,Row,not-an-email,,,");
      const text = lines.join("\n");
      const id = await createImportJob(org.owner.ctx, {
        fileName: "big.csv",
        text,
        mapping: mappingFor(text),
        mode: "skip",
      });
      const s = steps();
      const started = Date.now();
      await runImport(async () => db(), { orgId: org.orgId, importId: id }, s);
      console.log(`100,001-row import: ${((Date.now() - started) / 1000).toFixed(1)} s`);
      // Steps cover the file in contiguous runs of batches.
      expect(s.ids[0]).toBe("start");
      expect(s.ids.at(-1)).toBe("finish");
      const starts = s.ids.slice(1, -1).map((stepId) => Number(stepId.replace("rows-from-", "")));
      expect(starts[0]).toBe(0);
      expect(starts.every((n, i) => i === 0 || (n > starts[i - 1]! && n % 1000 === 0))).toBe(true);
      expect(await getImportStatus(org.owner.ctx, id)).toMatchObject({
        status: "completed",
        processedRows: 100_001,
        createdCount: 100_000,
        notLandedCount: 1,
      });
      const [{ n }] = (await db().select({ n: count() }).from(contacts).where(eq(contacts.orgId, org.orgId))) as [
        { n: number },
      ];
      expect(n).toBe(100_000);
      const [{ n: entries }] = (await db()
        .select({ n: count() })
        .from(activities)
        .where(and(eq(activities.orgId, org.orgId), eq(activities.type, "contact.imported")))) as [{ n: number }];
      expect(entries).toBe(100_000);
      expect(await rejectedRowsCsv(org.owner.ctx, id)).toContain("100002,");
    },
  );
});
