import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditEvents, leads } from "@/db/schema";
import { ForbiddenError } from "@/lib/errors";
import { createLead, updateLead } from "@/lib/leads/leads";
import { bulkMoveLeads, moveLead } from "@/lib/leads/move";
import { getPipeline } from "@/lib/leads/pipeline";
import { countLostReasons, updateLostReasons } from "@/lib/leads/lost-reasons";
import { DEFAULT_LOST_REASONS } from "@/lib/leads/constants";
import { createTestOrg, setupTestDb, type TestOrg } from "./helpers";

const db = setupTestDb();

const form = (stageId: string, over: Record<string, string> = {}) => ({
  title: "Espresso machine",
  stageId,
  value: "1200",
  ownerId: "",
  contactId: "",
  company: "",
  companySize: "",
  industry: "",
  jobTitle: "",
  source: "",
  expectedCloseDate: "",
  lostReason: "",
  manualAdjustment: "",
  manualReason: "",
  ...over,
});

async function setup(): Promise<TestOrg & { stages: Record<string, string> }> {
  const org = await createTestOrg(db());
  const pipeline = await getPipeline(org.owner.ctx);
  return { ...org, stages: Object.fromEntries(pipeline.stages.map((s) => [s.name, s.id])) };
}

describe("lost reasons", () => {
  it("a new organisation starts with the default list", async () => {
    const org = await setup();
    expect((await getPipeline(org.rep.ctx)).lostReasons).toEqual([...DEFAULT_LOST_REASONS]);
  });

  it("losing a lead takes a reason from the list, or Other with a note", async () => {
    const org = await setup();
    const lead = await createLead(org.owner.ctx, form(org.stages.New!));
    const lose = (fields: Record<string, string>) =>
      moveLead(org.owner.ctx, { leadId: lead.id, toStageId: org.stages.Lost!, fields });
    await expect(lose({ lostReason: "Budget frozen" })).rejects.toMatchObject({
      fieldErrors: { lostReason: "Lost reason: choose one from the list (or Other, with a note)" },
    });
    await expect(lose({ lostReason: "Other" })).rejects.toMatchObject({
      fieldErrors: { lostNote: "Note: say what happened when the reason is Other" },
    });
    await lose({ lostReason: "Other", lostNote: "Budget frozen until spring" });
    const [row] = await db().select().from(leads).where(eq(leads.id, lead.id));
    expect(row).toMatchObject({ status: "lost", lostReason: "Other", lostNote: "Budget frozen until spring" });
  });

  it("a bulk move and an edit check the reason too; a lead keeps an older reason it already had", async () => {
    const org = await setup();
    const a = await createLead(org.owner.ctx, form(org.stages.New!));
    const b = await createLead(org.owner.ctx, form(org.stages.New!));
    await expect(
      bulkMoveLeads(org.owner.ctx, { ids: [a.id, b.id], toStageId: org.stages.Lost!, fields: { lostReason: "Meh" } }),
    ).rejects.toMatchObject({ fieldErrors: { lostReason: expect.stringMatching(/^Lost reason: choose one/) } });
    await bulkMoveLeads(org.owner.ctx, {
      ids: [a.id, b.id],
      toStageId: org.stages.Lost!,
      fields: { lostReason: "Timing" },
    });
    // A reason written before the list existed stays valid on that lead.
    await db().update(leads).set({ lostReason: "Chose a cheaper supplier" }).where(eq(leads.id, a.id));
    await updateLead(org.owner.ctx, {
      ...form(org.stages.Lost!, { lostReason: "Chose a cheaper supplier" }),
      id: a.id,
    });
    await expect(
      updateLead(org.owner.ctx, { ...form(org.stages.Lost!, { lostReason: "Something new" }), id: b.id }),
    ).rejects.toMatchObject({ fieldErrors: { lostReason: expect.any(String) } });
  });

  it("an owner edits the list (audited); a rep may not; Other and duplicates are refused by name", async () => {
    const org = await setup();
    await expect(updateLostReasons(org.rep.ctx, { reasons: ["Price"] })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateLostReasons(org.owner.ctx, { reasons: ["Price", "other"] })).rejects.toThrow(
      /“Other” is always offered/,
    );
    await expect(updateLostReasons(org.owner.ctx, { reasons: ["Price", "price"] })).rejects.toThrow(
      /each reason only once/,
    );
    await expect(updateLostReasons(org.owner.ctx, { reasons: [] })).rejects.toThrow(/keep at least one reason/);
    expect(await updateLostReasons(org.owner.ctx, { reasons: [" Price ", "Timing"] })).toEqual(["Price", "Timing"]);
    expect((await getPipeline(org.owner.ctx)).lostReasons).toEqual(["Price", "Timing"]);
    const audit = await db().select().from(auditEvents).where(eq(auditEvents.orgId, org.orgId));
    expect(audit.find((e) => e.action === "pipeline.lost_reasons_updated")).toMatchObject({
      actorId: org.owner.id,
      after: { lostReasons: ["Price", "Timing"] },
    });
  });

  it("counts lost leads by reason, within the organisation only", async () => {
    const org = await setup();
    const other = await setup();
    for (const reason of ["Timing", "Timing", "No budget"]) {
      const lead = await createLead(org.owner.ctx, form(org.stages.New!));
      await moveLead(org.owner.ctx, { leadId: lead.id, toStageId: org.stages.Lost!, fields: { lostReason: reason } });
    }
    const elsewhere = await createLead(other.owner.ctx, form(other.stages.New!));
    await moveLead(other.owner.ctx, {
      leadId: elsewhere.id,
      toStageId: other.stages.Lost!,
      fields: { lostReason: "Timing" },
    });
    expect(await countLostReasons(org.staff.ctx)).toEqual([
      { reason: "Timing", count: 2 },
      { reason: "No budget", count: 1 },
    ]);
  });
});
