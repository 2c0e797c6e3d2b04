import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { activities, contacts, contactTags, eventOutbox, leads, leadStageHistory, tags } from "@/db/schema";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createLead, updateLead, deleteLeads, assignLeads, quickAddLead } from "@/lib/leads/leads";
import { moveLead, bulkMoveLeads } from "@/lib/leads/move";
import { getBoard, getColumnPage } from "@/lib/leads/board";
import { getLeadDetail } from "@/lib/leads/detail";
import { getPipeline } from "@/lib/leads/pipeline";
import { createOrganizationWithOwner } from "@/lib/orgs/signup";
import { searchContactsForLead } from "@/lib/leads/people";
import { createTestOrg, setupTestDb, uniqueEmail, type TestOrg } from "./helpers";

const db = setupTestDb();

const form = (stageId: string, over: Record<string, string> = {}) => ({
  title: "Espresso machine",
  stageId,
  value: "1200",
  ownerId: "",
  contactId: "",
  company: "Harbor Coffee",
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

describe("pipeline", () => {
  it("gives a new organisation the default stages at sign-up", async () => {
    const created = await createOrganizationWithOwner(db(), {
      orgName: "Fresh Co",
      name: "Fay",
      email: uniqueEmail("fresh"),
      password: "a long enough password",
    });
    const pipeline = await getPipeline({
      orgId: created.orgId,
      actor: { kind: "user", id: created.userId, role: "owner" },
      db: db(),
    });
    expect(pipeline.stages.map((s) => s.name)).toEqual(["New", "MQL", "SQL", "Opportunity", "Won", "Lost"]);
    expect(pipeline.stages.find((s) => s.name === "Lost")!.requiredFields).toEqual(["lostReason"]);
  });
});

describe("lead permissions", () => {
  it("lets a rep edit their own and unassigned leads but not another rep's", async () => {
    const org = await setup();
    const own = await createLead(org.rep.ctx, form(org.stages.New!, { ownerId: org.rep.id }));
    const unassigned = await createLead(org.owner.ctx, form(org.stages.New!));
    const owners = await createLead(org.owner.ctx, form(org.stages.New!, { ownerId: org.owner.id }));
    await expect(
      updateLead(org.rep.ctx, { ...form(org.stages.New!, { title: "Mine" }), id: own.id }),
    ).resolves.toMatchObject({ title: "Mine" });
    await expect(moveLead(org.rep.ctx, { leadId: unassigned.id, toStageId: org.stages.MQL! })).resolves.toMatchObject({
      stageId: org.stages.MQL,
    });
    await expect(moveLead(org.rep.ctx, { leadId: owners.id, toStageId: org.stages.MQL! })).rejects.toThrow(
      ForbiddenError,
    );
    await expect(deleteLeads(org.rep.ctx, { ids: [owners.id] })).rejects.toThrow(ForbiddenError);
    // Reps still see every lead.
    const board = await getBoard(org.rep.ctx, {});
    expect(
      board.columns
        .flatMap((c) => c.cards)
        .map((c) => c.id)
        .sort(),
    ).toEqual([own.id, unassigned.id, owners.id].sort());
  });

  it("lets owners edit all and keeps staff read-only", async () => {
    const org = await setup();
    const repLead = await createLead(org.rep.ctx, form(org.stages.New!, { ownerId: org.rep.id }));
    await expect(
      updateLead(org.owner.ctx, { ...form(org.stages.New!, { title: "By owner" }), id: repLead.id }),
    ).resolves.toMatchObject({ title: "By owner" });
    await expect(createLead(org.staff.ctx, form(org.stages.New!))).rejects.toThrow(ForbiddenError);
    await expect(quickAddLead(org.staff.ctx, { title: "x", stageId: org.stages.New! })).rejects.toThrow(ForbiddenError);
    await expect(moveLead(org.staff.ctx, { leadId: repLead.id, toStageId: org.stages.SQL! })).rejects.toThrow(
      ForbiddenError,
    );
    await expect(assignLeads(org.staff.ctx, { ids: [repLead.id], ownerId: org.staff.id })).rejects.toThrow(
      ForbiddenError,
    );
    await expect(getLeadDetail(org.staff.ctx, repLead.id)).resolves.toMatchObject({ canEdit: false });
  });

  it("reads another organisation's leads, stages and contacts as not found", async () => {
    const a = await setup();
    const b = await setup();
    const lead = await createLead(a.owner.ctx, form(a.stages.New!));
    await expect(getLeadDetail(b.owner.ctx, lead.id)).rejects.toThrow(NotFoundError);
    await expect(moveLead(b.owner.ctx, { leadId: lead.id, toStageId: b.stages.MQL! })).rejects.toThrow(NotFoundError);
    await expect(deleteLeads(b.owner.ctx, { ids: [lead.id] })).rejects.toThrow(NotFoundError);
    // A stage of org B is an unknown stage for org A.
    await expect(moveLead(a.owner.ctx, { leadId: lead.id, toStageId: b.stages.MQL! })).rejects.toThrow(ValidationError);
    const [contact] = await db().insert(contacts).values({ orgId: b.orgId, firstName: "Other" }).returning();
    await expect(createLead(a.owner.ctx, form(a.stages.New!, { contactId: contact!.id }))).rejects.toMatchObject({
      fieldErrors: { contactId: expect.any(String) },
    });
    const board = await getBoard(b.owner.ctx, {});
    expect(board.columns.every((c) => c.cards.length === 0)).toBe(true);
    // The contact search only offers this organisation's customers.
    expect(await searchContactsForLead(a.owner.ctx, "Other")).toEqual([]);
    expect((await searchContactsForLead(b.staff.ctx, "Other")).map((c) => c.id)).toEqual([contact!.id]);
  });
});

describe("moving leads", () => {
  it("records the move: stage history, a timeline entry and the events, in one go", async () => {
    const org = await setup();
    const lead = await createLead(org.owner.ctx, form(org.stages.New!));
    await moveLead(org.owner.ctx, { leadId: lead.id, toStageId: org.stages.SQL! });
    await moveLead(org.owner.ctx, { leadId: lead.id, toStageId: org.stages.Won! });
    const history = await db().select().from(leadStageHistory).where(eq(leadStageHistory.leadId, lead.id));
    expect(history).toHaveLength(2);
    const timeline = await db()
      .select()
      .from(activities)
      .where(and(eq(activities.subjectId, lead.id), eq(activities.type, "lead.stage_changed")));
    expect(timeline.map((t) => t.data.to).sort()).toEqual(["SQL", "Won"]);
    const events = await db().select().from(eventOutbox).where(eq(eventOutbox.orgId, org.orgId));
    expect(events.filter((e) => e.name === "crm/lead.stage_changed")).toHaveLength(2);
    expect(events.filter((e) => e.name === "crm/lead.won")).toHaveLength(1);
    const [row] = await db().select().from(leads).where(eq(leads.id, lead.id));
    expect(row!.status).toBe("won");
  });

  it("asks for the stage's required fields on entry, naming the field", async () => {
    const org = await setup();
    const lead = await createLead(org.owner.ctx, form(org.stages.New!));
    await expect(moveLead(org.owner.ctx, { leadId: lead.id, toStageId: org.stages.Lost! })).rejects.toMatchObject({
      fieldErrors: { lostReason: "Lost reason is required to enter Lost" },
    });
    await moveLead(org.owner.ctx, {
      leadId: lead.id,
      toStageId: org.stages.Lost!,
      fields: { lostReason: "Went with a competitor" },
    });
    const [row] = await db().select().from(leads).where(eq(leads.id, lead.id));
    expect(row).toMatchObject({ status: "lost", lostReason: "Went with a competitor" });
  });

  it("refuses a negative value and an unknown stage with the field named", async () => {
    const org = await setup();
    await expect(createLead(org.owner.ctx, form(org.stages.New!, { value: "-5" }))).rejects.toThrow(
      /Value can't be negative/,
    );
    await expect(createLead(org.owner.ctx, form("00000000-0000-4000-8000-000000000000"))).rejects.toMatchObject({
      fieldErrors: { stageId: "Stage: choose a stage of this pipeline" },
    });
  });

  it("orders cards by where they were dropped", async () => {
    const org = await setup();
    const [a, b, c] = [
      await quickAddLead(org.owner.ctx, { title: "A", stageId: org.stages.New! }),
      await quickAddLead(org.owner.ctx, { title: "B", stageId: org.stages.New! }),
      await quickAddLead(org.owner.ctx, { title: "C", stageId: org.stages.New! }),
    ];
    // New leads go on top: C, B, A.
    expect((await getBoard(org.owner.ctx, {})).columns[0]!.cards.map((x) => x.title)).toEqual(["C", "B", "A"]);
    await moveLead(org.owner.ctx, { leadId: c.id, toStageId: org.stages.New!, afterId: a.id });
    await moveLead(org.owner.ctx, { leadId: b.id, toStageId: org.stages.New!, beforeId: c.id });
    const board = await getBoard(org.owner.ctx, {});
    expect(board.columns[0]!.cards.map((x) => x.title)).toEqual(["A", "B", "C"]);
    void c;
  });

  it("applies two concurrent moves of one card in turn and records both", async () => {
    const org = await setup();
    const lead = await createLead(org.owner.ctx, form(org.stages.New!, { ownerId: org.rep.id }));
    await Promise.all([
      moveLead(org.owner.ctx, { leadId: lead.id, toStageId: org.stages.MQL! }),
      moveLead(org.rep.ctx, { leadId: lead.id, toStageId: org.stages.SQL! }),
    ]);
    const history = await db()
      .select()
      .from(leadStageHistory)
      .where(eq(leadStageHistory.leadId, lead.id))
      .orderBy(leadStageHistory.movedAt);
    expect(history).toHaveLength(2);
    // The second move starts where the first ended: the history is a chain, nothing lost.
    expect(history[0]!.fromStageId).toBe(org.stages.New);
    expect(history[1]!.fromStageId).toBe(history[0]!.toStageId);
    const [row] = await db().select().from(leads).where(eq(leads.id, lead.id));
    expect(row!.stageId).toBe(history[1]!.toStageId);
  });

  it("gives concurrent drops into the same gap distinct ranks, keeping both cards", async () => {
    const org = await setup();
    const tail = await quickAddLead(org.owner.ctx, { title: "Tail", stageId: org.stages.SQL! });
    const anchor = await quickAddLead(org.owner.ctx, { title: "Anchor", stageId: org.stages.SQL! });
    const movers = await Promise.all(
      ["X", "Y", "Z"].map((t) => quickAddLead(org.owner.ctx, { title: t, stageId: org.stages.New! })),
    );
    await Promise.all(
      movers.map((m) => moveLead(org.owner.ctx, { leadId: m.id, toStageId: org.stages.SQL!, afterId: anchor.id })),
    );
    const column = (await getBoard(org.owner.ctx, {})).columns.find((c) => c.stage.id === org.stages.SQL)!;
    const titles = column.cards.map((c) => c.title);
    expect(titles[0]).toBe("Anchor");
    expect(titles.at(-1)).toBe("Tail");
    expect(new Set(column.cards.map((c) => c.rank)).size).toBe(5);
    void tail;
  });

  it("moves several selected cards at once", async () => {
    const org = await setup();
    const ids = (
      await Promise.all(["1", "2"].map((t) => quickAddLead(org.owner.ctx, { title: t, stageId: org.stages.New! })))
    ).map((l) => l.id);
    await bulkMoveLeads(org.owner.ctx, { ids, toStageId: org.stages.SQL! });
    const history = await db().select().from(leadStageHistory).where(eq(leadStageHistory.orgId, org.orgId));
    expect(history).toHaveLength(2);
    await assignLeads(org.owner.ctx, { ids, ownerId: org.rep.id });
    expect(
      (await getBoard(org.rep.ctx, { owner: "me" })).columns.find((c) => c.stage.id === org.stages.SQL)!.totals.count,
    ).toBe(2);
    expect(await deleteLeads(org.owner.ctx, { ids })).toBe(2);
  });
});

describe("the board", () => {
  it("totals count, value and probability-weighted value per column and pages lazily", async () => {
    const org = await setup();
    for (let i = 0; i < 5; i++)
      await createLead(org.owner.ctx, form(org.stages.SQL!, { title: `Deal ${i}`, value: "100" }));
    const board = await getBoard(org.owner.ctx, {}, 2);
    const sql = board.columns.find((c) => c.stage.name === "SQL")!;
    expect(sql.totals).toEqual({ count: 5, total: 50_000, weighted: 17_500 }); // 35% of 500.00
    expect(sql.cards).toHaveLength(2);
    expect(sql.hasMore).toBe(true);
    const next = await getColumnPage(org.owner.ctx, org.stages.SQL!, {}, sql.cards[1]!.rank, 2);
    expect(next.cards.map((c) => c.title)).toEqual(["Deal 2", "Deal 1"]);
    const filtered = await getBoard(org.owner.ctx, { q: "deal 4" });
    expect(filtered.columns.find((c) => c.stage.name === "SQL")!.totals.count).toBe(1);
  });
});

describe("filters", () => {
  it("narrow the board by owner, score, value, source, tag and text", async () => {
    const org = await setup();
    const [contact] = await db().insert(contacts).values({ orgId: org.orgId, firstName: "Tagged" }).returning();
    const [tag] = await db().insert(tags).values({ orgId: org.orgId, name: "VIP", color: "#000" }).returning();
    await db().insert(contactTags).values({ orgId: org.orgId, contactId: contact!.id, tagId: tag!.id });
    await createLead(org.owner.ctx, form(org.stages.SQL!, { title: "Cheap", value: "10", source: "ads" }));
    await createLead(
      org.owner.ctx,
      form(org.stages.SQL!, {
        title: "Dear",
        value: "5000",
        ownerId: org.rep.id,
        contactId: contact!.id,
        manualAdjustment: "50",
        manualReason: "Hot",
      }),
    );
    const titles = async (f: Parameters<typeof getBoard>[1]) =>
      (await getBoard(org.rep.ctx, f)).columns.flatMap((c) => c.cards.map((x) => x.title)).sort();
    expect(await titles({ owner: "me" })).toEqual(["Dear"]);
    expect(await titles({ owner: "unassigned" })).toEqual(["Cheap"]);
    expect(await titles({ scoreMin: 40 })).toEqual(["Dear"]);
    expect(await titles({ scoreMax: 10 })).toEqual(["Cheap"]);
    expect(await titles({ valueMin: 100 })).toEqual(["Dear"]);
    expect(await titles({ valueMax: 100 })).toEqual(["Cheap"]);
    expect(await titles({ source: "ads" })).toEqual(["Cheap"]);
    expect(await titles({ tag: tag!.id })).toEqual(["Dear"]);
    expect(await titles({ q: "che" })).toEqual(["Cheap"]);
    expect(await titles({ q: "100%_" })).toEqual([]);
  });
});
