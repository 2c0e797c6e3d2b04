import { describe, expect, it } from "vitest";
import { and, desc, eq, isNull } from "drizzle-orm";
import { auditEvents, playbookRuns, playbooks, playbookVersions } from "@/db/schema";
import { getEditorState, publishEditorDraft, saveEditorDraft } from "@/lib/playbooks/drafts";
import { getCanvasView, getPublishPreview, getVersionView } from "@/lib/playbooks/canvas-views";
import { createFromBuiltIn, duplicatePlaybook } from "@/lib/playbooks/copies";
import { setPlaybookStatus } from "@/lib/playbooks/playbooks";
import { restoreVersionAsDraft } from "@/lib/playbooks/versions";
import { simulateRun } from "@/lib/playbooks/simulate";
import { enrolContacts } from "@/lib/playbooks/runs-admin";
import { insertAfter, makeNode, type DraftGraph } from "@/lib/playbooks/editor/graph-ops";
import { diffVersions } from "@/lib/playbooks/editor/diff";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { playbookByKey, playbookOrg } from "../playbooks/fixtures";
import { setupTestDb } from "./helpers";
import { ZodError } from "zod";

const db = setupTestDb();

const addTag = (g: DraftGraph, tag: string) => {
  const tail = g.nodes.find((n) => !g.edges.some((e) => e.source === n.id))!;
  const node = { ...makeNode(g, "add_tag"), config: { tag } };
  return insertAfter(g, tail.id, null, node);
};
const auditOf = (orgId: string, targetId: string) =>
  db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.targetId, targetId)))
    .orderBy(desc(auditEvents.createdAt));
const draftOf = async (playbookId: string) =>
  (
    await db()
      .select()
      .from(playbookVersions)
      .where(and(eq(playbookVersions.playbookId, playbookId), isNull(playbookVersions.publishedAt)))
  )[0];

describe("the editor's read-only canvas, versions, copies, archive and draft simulation", () => {
  it("reps and staff see the live canvas read-only and cannot change it; another organisation gets not found", async () => {
    const o = await playbookOrg(db());
    const other = await playbookOrg(db());
    const pb = await playbookByKey(db(), o.orgId, "winback");
    for (const who of [o.rep, o.staff]) {
      const view = await getCanvasView(who.ctx, pb.id);
      expect(view.version).toMatchObject({ number: 1, live: true });
      expect(view.graph.nodes.length).toBeGreaterThan(1);
      await expect(getEditorState(who.ctx, pb.id)).rejects.toThrow(ForbiddenError);
      await expect(getPublishPreview(who.ctx, pb.id)).rejects.toThrow(ForbiddenError);
      await expect(saveEditorDraft(who.ctx, pb.id, { graph: view.graph, baseRevision: 0 })).rejects.toThrow(
        ForbiddenError,
      );
      await expect(duplicatePlaybook(who.ctx, pb.id)).rejects.toThrow(ForbiddenError);
      await expect(createFromBuiltIn(who.ctx, { key: "winback" })).rejects.toThrow(ForbiddenError);
      await expect(setPlaybookStatus(who.ctx, pb.id, "archived")).rejects.toThrow(ForbiddenError);
      await expect(restoreVersionAsDraft(who.ctx, pb.id, pb.currentVersionId)).rejects.toThrow(ForbiddenError);
      expect((await getVersionView(who.ctx, pb.id, pb.currentVersionId)).version.current).toBe(true);
    }
    for (const call of [
      () => getCanvasView(other.owner.ctx, pb.id),
      () => getCanvasView(other.rep.ctx, pb.id),
      () => getPublishPreview(other.owner.ctx, pb.id),
      () => getVersionView(other.owner.ctx, pb.id, pb.currentVersionId),
      () => duplicatePlaybook(other.owner.ctx, pb.id),
      () => restoreVersionAsDraft(other.owner.ctx, pb.id, pb.currentVersionId),
      () => setPlaybookStatus(other.owner.ctx, pb.id, "archived"),
    ])
      await expect(call()).rejects.toThrow(NotFoundError);
    // Their own playbook's id with our version id: still not found.
    const theirs = await playbookByKey(db(), other.orgId, "winback");
    await expect(getVersionView(other.owner.ctx, theirs.id, pb.currentVersionId)).rejects.toThrow(NotFoundError);
  });

  it("a version opens with its diff to the one before; restore makes it the draft, bumps the revision and is audited", async () => {
    const o = await playbookOrg(db());
    const pb = await playbookByKey(db(), o.orgId, "winback");
    const opened = await getEditorState(o.owner.ctx, pb.id);
    const v2graph = addTag(opened.graph, "won-back");
    const r1 = await saveEditorDraft(o.owner.ctx, pb.id, { graph: v2graph, baseRevision: 0 });
    const v2 = await publishEditorDraft(o.owner.ctx, pb.id, { baseRevision: r1.revision });

    const view = await getVersionView(o.owner.ctx, pb.id, v2.versionId);
    expect(view.previous?.number).toBe(1);
    const diff = diffVersions(view.previous!.graph, view.version.graph);
    expect(diff.added).toEqual(["add-tag-1"]);
    expect(diff.marks).toMatchObject({ "add-tag-1": "added" });
    const first = await getVersionView(o.owner.ctx, pb.id, pb.currentVersionId);
    expect(first.previous).toBeNull();

    // An owner has a draft open at some revision; restoring version 1 replaces it and bumps the revision.
    const editing = await saveEditorDraft(o.owner.ctx, pb.id, {
      graph: addTag(v2graph, "draft-only"),
      baseRevision: 0,
    });
    await saveEditorDraft(o.owner.ctx, pb.id, { graph: addTag(v2graph, "draft-2"), baseRevision: editing.revision });
    const before = (await draftOf(pb.id))!;
    await restoreVersionAsDraft(o.owner.ctx, pb.id, pb.currentVersionId);
    const after = (await draftOf(pb.id))!;
    expect(after.id).toBe(before.id);
    expect(after.revision).toBe(before.revision + 1);
    expect(diffVersions(first.version.graph, after.graph as DraftGraph).same).toBe(true);
    // The tab still at the old revision is refused, not silently overwritten.
    await expect(
      saveEditorDraft(o.owner.ctx, pb.id, { graph: v2graph, baseRevision: before.revision }),
    ).rejects.toThrow(ConflictError);
    const [audit] = await auditOf(o.orgId, pb.id);
    expect(audit).toMatchObject({ action: "playbook.version_restored", data: { restoredFrom: 1 } });
  });

  it("duplicates a playbook as a draft copy of its draft (or live steps), audited", async () => {
    const o = await playbookOrg(db());
    const pb = await playbookByKey(db(), o.orgId, "trial_ending");
    const live = await getEditorState(o.owner.ctx, pb.id);
    const copy = await duplicatePlaybook(o.owner.ctx, pb.id);
    expect(copy.name).toBe("Copy of Trial ending");
    const [row] = await db().select().from(playbooks).where(eq(playbooks.id, copy.id));
    expect(row).toMatchObject({
      orgId: o.orgId,
      status: "draft",
      currentVersionId: null,
      key: null,
      trigger: pb.trigger,
      reentry: pb.reentry,
      exitEvents: pb.exitEvents,
    });
    const copied = (await getEditorState(o.owner.ctx, copy.id)).graph;
    expect(diffVersions(live.graph, copied).same).toBe(true);
    const [audit] = await auditOf(o.orgId, copy.id);
    expect(audit).toMatchObject({ action: "playbook.duplicated", data: { fromPlaybookId: pb.id, fromVersion: 1 } });

    // With a draft under way, the copy takes the draft.
    await saveEditorDraft(o.owner.ctx, pb.id, { graph: addTag(live.graph, "in-progress"), baseRevision: 0 });
    const second = await duplicatePlaybook(o.owner.ctx, pb.id);
    const fromDraft = (await getEditorState(o.owner.ctx, second.id)).graph;
    expect(fromDraft.nodes.some((n) => n.config.tag === "in-progress")).toBe(true);
  });

  it("after a refused save, keeps the editor's own steps as a copy and leaves the other owner's draft as it is", async () => {
    const o = await playbookOrg(db());
    const pb = await playbookByKey(db(), o.orgId, "winback");
    const start = await getEditorState(o.owner.ctx, pb.id);
    // Another tab saves first; this tab's save from the same revision is refused.
    await saveEditorDraft(o.owner.ctx, pb.id, { graph: addTag(start.graph, "theirs"), baseRevision: 0 });
    const mine = addTag(start.graph, "mine");
    await expect(saveEditorDraft(o.owner.ctx, pb.id, { graph: mine, baseRevision: 0 })).rejects.toThrow(
      "keep yours as a copy",
    );
    const copy = await duplicatePlaybook(o.owner.ctx, pb.id, { graph: mine });
    expect(diffVersions(mine, (await getEditorState(o.owner.ctx, copy.id)).graph).same).toBe(true);
    const theirs = (await getEditorState(o.owner.ctx, pb.id)).graph;
    expect(theirs.nodes.some((n) => n.config.tag === "theirs")).toBe(true);
    expect(theirs.nodes.some((n) => n.config.tag === "mine")).toBe(false);
    const [audit] = await auditOf(o.orgId, copy.id);
    expect(audit).toMatchObject({ action: "playbook.duplicated", data: { fromPlaybookId: pb.id, ownEdits: true } });
    // Steps that are not a graph are refused by field, and nothing is made.
    const before = await db().select().from(playbooks).where(eq(playbooks.orgId, o.orgId));
    await expect(duplicatePlaybook(o.owner.ctx, pb.id, { graph: { nodes: "x" } })).rejects.toThrow(ZodError);
    expect(await db().select().from(playbooks).where(eq(playbooks.orgId, o.orgId))).toHaveLength(before.length);
    // Another organisation's playbook is not found, own steps or not.
    const other = await playbookOrg(db());
    await expect(duplicatePlaybook(other.owner.ctx, pb.id, { graph: mine })).rejects.toThrow(NotFoundError);
  });

  it("archives a playbook only when no run is under way, with a clear refusal", async () => {
    const o = await playbookOrg(db());
    const pb = await playbookByKey(db(), o.orgId, "winback");
    await enrolContacts(o.owner.ctx, pb.id, { contactIds: [o.contact.id] });
    const [run] = await db().select().from(playbookRuns).where(eq(playbookRuns.playbookId, pb.id));
    expect(run?.status).toBe("active");
    await expect(setPlaybookStatus(o.owner.ctx, pb.id, "archived")).rejects.toThrow(
      "1 run is still under way: pause the playbook and let it finish (or cancel it) before archiving.",
    );
    expect((await db().select().from(playbooks).where(eq(playbooks.id, pb.id)))[0]!.status).toBe("active");
    await db().update(playbookRuns).set({ status: "completed" }).where(eq(playbookRuns.id, run!.id));
    await setPlaybookStatus(o.owner.ctx, pb.id, "archived");
    expect((await db().select().from(playbooks).where(eq(playbooks.id, pb.id)))[0]!.status).toBe("archived");
    const [audit] = await auditOf(o.orgId, pb.id);
    expect(audit).toMatchObject({ action: "playbook.archived", after: { status: "archived" } });
  });

  it("a new playbook from a built-in: its trigger, settings and steps, as a draft ready to publish", async () => {
    const o = await playbookOrg(db());
    const made = await createFromBuiltIn(o.owner.ctx, { key: "payment_failed_rescue" });
    const builtIn = await playbookByKey(db(), o.orgId, "payment_failed_rescue");
    const [row] = await db().select().from(playbooks).where(eq(playbooks.id, made.id));
    expect(row).toMatchObject({
      name: "Payment failed rescue",
      key: null,
      status: "draft",
      trigger: "crm/payment.failed",
      reentry: builtIn.reentry,
      marketing: false,
    });
    const state = await getEditorState(o.owner.ctx, made.id);
    const installed = await getCanvasView(o.owner.ctx, builtIn.id);
    expect(diffVersions(installed.graph, state.graph).same).toBe(true);
    expect(await publishEditorDraft(o.owner.ctx, made.id, { baseRevision: state.revision })).toMatchObject({
      number: 1,
    });
    const bad = await createFromBuiltIn(o.owner.ctx, { key: "teleport" }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ZodError);
    expect((bad as ZodError).issues[0]).toMatchObject({
      path: ["key"],
      message: "Choose one of the built-in playbooks",
    });
  });

  it("simulates the draft for a chosen customer, not the live version; an incomplete draft is refused", async () => {
    const o = await playbookOrg(db());
    const pb = await playbookByKey(db(), o.orgId, "winback");
    const input = { contactId: o.contact.id, startAt: "2026-03-10T10:00:00Z" };
    await expect(simulateRun(o.owner.ctx, pb.id, { ...input, draft: true })).rejects.toThrow("no draft to simulate");
    const opened = await getEditorState(o.owner.ctx, pb.id);
    const { revision } = await saveEditorDraft(o.owner.ctx, pb.id, {
      graph: addTag(opened.graph, "simulated"),
      baseRevision: 0,
    });
    const live = await simulateRun(o.owner.ctx, pb.id, input);
    const draft = await simulateRun(o.owner.ctx, pb.id, { ...input, draft: true });
    expect(live).toMatchObject({ version: 1, draft: false });
    expect(draft).toMatchObject({ version: 2, draft: true });
    expect(draft.steps.at(-1)).toMatchObject({ nodeId: "add-tag-1", detail: "tag “simulated” would be added" });
    expect(live.steps.some((s) => s.nodeId === "add-tag-1")).toBe(false);
    await expect(simulateRun(o.rep.ctx, pb.id, { ...input, draft: true })).rejects.toThrow(ForbiddenError);

    const broken = insertAfter(opened.graph, opened.graph.nodes[0]!.id, null, makeNode(opened.graph, "send_email"));
    await saveEditorDraft(o.owner.ctx, pb.id, { graph: broken, baseRevision: revision });
    await expect(simulateRun(o.owner.ctx, pb.id, { ...input, draft: true })).rejects.toThrow(
      "The draft has problems to fix",
    );
  });
});
