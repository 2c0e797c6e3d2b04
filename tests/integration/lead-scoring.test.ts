import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { contacts, eventOutbox, leads, leadStageHistory } from "@/db/schema";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { recordActivity } from "@/lib/activity/record";
import { createLead } from "@/lib/leads/leads";
import { getPipeline } from "@/lib/leads/pipeline";
import { addStage, deleteStage, reorderStages, updateScoring, updateStage } from "@/lib/leads/stages";
import { recomputeScoresForEvent } from "@/lib/leads/score-events";
import { getLeadDetail } from "@/lib/leads/detail";
import { functions } from "@/inngest/functions";
import { createTestOrg, setupTestDb } from "./helpers";

const db = setupTestDb();

const base = {
  value: "",
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
} as const;
const scoring = {
  fitWeight: 100,
  engagementWeight: 0,
  autoMqlScore: 75,
  disqualifyScore: 40,
  fitRules: [
    { field: "companySize", op: "atLeast", value: "50", points: 50 },
    { field: "industry", op: "equals", value: "Retail", points: 30 },
  ],
};

describe("scoring", () => {
  it("scores on create, explains the score and auto-moves New → MQL at the threshold", async () => {
    const org = await createTestOrg(db());
    await updateScoring(org.owner.ctx, scoring);
    const stages = (await getPipeline(org.owner.ctx)).stages;
    const low = await createLead(org.owner.ctx, { ...base, title: "Small", stageId: stages[0]!.id, companySize: "5" });
    const high = await createLead(org.owner.ctx, {
      ...base,
      title: "Big",
      stageId: stages[0]!.id,
      companySize: "80",
      industry: "retail",
    });
    const detail = await getLeadDetail(org.owner.ctx, high.id);
    expect(detail.lead.score).toBe(80);
    expect(detail.breakdown!.factors.map((f) => f.points)).toEqual([50, 30]);
    expect(detail.lead.stageId).toBe(stages[1]!.id); // 80 ≥ 75: moved to MQL by automation
    const history = await db().select().from(leadStageHistory).where(eq(leadStageHistory.leadId, high.id));
    expect(history).toMatchObject([{ actorId: null, toStageId: stages[1]!.id }]);
    expect((await getLeadDetail(org.owner.ctx, low.id)).lead).toMatchObject({ score: 0, stageId: stages[0]!.id });
  });

  it("adds a manual adjustment with its reason", async () => {
    const org = await createTestOrg(db());
    await updateScoring(org.owner.ctx, { ...scoring, autoMqlScore: 100, disqualifyScore: 10 });
    const stages = (await getPipeline(org.owner.ctx)).stages;
    const lead = await createLead(org.owner.ctx, {
      ...base,
      title: "Adj",
      stageId: stages[0]!.id,
      companySize: "60",
      manualAdjustment: "-20",
      manualReason: "Slow to respond",
    });
    const detail = await getLeadDetail(org.owner.ctx, lead.id);
    expect(detail.lead.score).toBe(30);
    expect(detail.breakdown!.factors.at(-1)).toMatchObject({
      kind: "manual",
      points: -20,
      label: "Manual adjustment: Slow to respond",
    });
  });

  it("recomputes on engagement events (the Inngest function's logic), with recency decay", async () => {
    const org = await createTestOrg(db());
    await updateScoring(org.owner.ctx, {
      ...scoring,
      fitWeight: 0,
      engagementWeight: 100,
      autoMqlScore: 90,
      disqualifyScore: 5,
    });
    const stages = (await getPipeline(org.owner.ctx)).stages;
    const [contact] = await db().insert(contacts).values({ orgId: org.orgId, firstName: "Eve" }).returning();
    const lead = await createLead(org.owner.ctx, {
      ...base,
      title: "Engaged",
      stageId: stages[0]!.id,
      contactId: contact!.id,
    });
    expect((await getLeadDetail(org.owner.ctx, lead.id)).lead.score).toBe(0);
    await recordActivity(db(), {
      orgId: org.orgId,
      contactId: contact!.id,
      type: "interaction.logged",
      occurredAt: new Date(),
    });
    await recordActivity(db(), {
      orgId: org.orgId,
      contactId: contact!.id,
      type: "interaction.logged",
      occurredAt: new Date(Date.now() - 14 * 86_400_000),
    });
    expect(
      await recomputeScoresForEvent(db(), "crm/contact.engaged", {
        orgId: org.orgId,
        contactId: contact!.id,
        type: "interaction.logged",
      }),
    ).toBe(1);
    expect((await getLeadDetail(org.owner.ctx, lead.id)).lead.score).toBe(15); // 10 + 10 × ½
    // Another org's event does not touch this lead.
    const other = await createTestOrg(db());
    expect(
      await recomputeScoresForEvent(db(), "crm/contact.engaged", {
        orgId: other.orgId,
        contactId: contact!.id,
        type: "x",
      }),
    ).toBe(0);
  });

  it("registers the recompute function on its events", () => {
    const fn = functions.find((f) => f.id() === "recompute-lead-scores");
    expect(fn).toBeDefined();
    const triggers = (fn as unknown as { opts: { triggers: { event: string }[] } }).opts.triggers.map((t) => t.event);
    expect(triggers).toEqual(["crm/lead.score_inputs_changed", "crm/contact.engaged"]);
  });

  it("lets only owners change scoring", async () => {
    const org = await createTestOrg(db());
    await expect(updateScoring(org.rep.ctx, scoring)).rejects.toThrow(ForbiddenError);
    await expect(updateScoring(org.owner.ctx, { ...scoring, disqualifyScore: 80 })).rejects.toThrow(
      /Disqualify score must be below/,
    );
  });
});

describe("stage editing", () => {
  it("renames, reorders, adds and deletes with a move-to stage, owners only", async () => {
    const org = await createTestOrg(db());
    const stages = (await getPipeline(org.owner.ctx)).stages;
    await expect(
      addStage(org.rep.ctx, {
        name: "Demo",
        kind: "open",
        probability: 50,
        rottingDays: "",
        wipLimit: "",
        requiredFields: [],
      }),
    ).rejects.toThrow(ForbiddenError);
    const demoId = await addStage(org.owner.ctx, {
      name: "Demo",
      kind: "open",
      probability: "50",
      rottingDays: "5",
      wipLimit: "3",
      requiredFields: ["value"],
    });
    await expect(
      addStage(org.owner.ctx, {
        name: "demo",
        kind: "open",
        probability: 1,
        rottingDays: "",
        wipLimit: "",
        requiredFields: [],
      }),
    ).rejects.toMatchObject({ fieldErrors: { name: expect.stringMatching(/already/) } });
    await updateStage(org.owner.ctx, {
      id: stages[1]!.id,
      name: "Marketing qualified",
      kind: "open",
      probability: 20,
      rottingDays: "",
      wipLimit: "10",
      requiredFields: [],
    });
    const ids = [demoId, ...stages.map((s) => s.id)];
    await reorderStages(org.owner.ctx, { ids });
    const lead = await createLead(org.owner.ctx, { ...base, title: "On demo", stageId: demoId, value: "10" });
    expect(await deleteStage(org.owner.ctx, { id: demoId, moveToStageId: stages[2]!.id })).toBe(1);
    const after = (await getPipeline(org.owner.ctx)).stages;
    expect(after.map((s) => s.name)).toEqual(["New", "Marketing qualified", "SQL", "Opportunity", "Won", "Lost"]);
    expect(after[1]!.wipLimit).toBe(10);
    const [row] = await db().select().from(leads).where(eq(leads.id, lead.id));
    expect(row!.stageId).toBe(stages[2]!.id);
    const moved = await db().select().from(leadStageHistory).where(eq(leadStageHistory.leadId, lead.id));
    expect(moved).toMatchObject([{ toStageId: stages[2]!.id, actorId: org.owner.id }]);
    const other = await createTestOrg(db());
    await expect(deleteStage(other.owner.ctx, { id: stages[0]!.id, moveToStageId: stages[1]!.id })).rejects.toThrow(
      NotFoundError,
    );
    await expect(
      updateStage(other.owner.ctx, {
        id: stages[0]!.id,
        name: "X",
        kind: "open",
        probability: 1,
        rottingDays: "",
        wipLimit: "",
        requiredFields: [],
      }),
    ).rejects.toThrow(NotFoundError);
  });

  it("recomputes a small org's scores inline when the rules change, without queuing an event", async () => {
    const org = await createTestOrg(db());
    await updateScoring(org.owner.ctx, scoring);
    const events = await db().select().from(eventOutbox).where(eq(eventOutbox.orgId, org.orgId));
    expect(events.filter((e) => e.name === "crm/lead.score_inputs_changed")).toHaveLength(0);
  });
});
