import { describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { ZodError } from "zod";
import { playbookVersions, playbooks } from "@/db/schema";
import { createBlankPlaybook, getEditorState, publishEditorDraft, saveEditorDraft } from "@/lib/playbooks/drafts";
import { insertAfter, makeNode, type DraftGraph } from "@/lib/playbooks/editor/graph-ops";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createTestOrg } from "./helpers";
import { setupTestDb } from "./helpers";

const db = setupTestDb();

const addWait = (g: DraftGraph) => {
  const tail = g.nodes.find((n) => !g.edges.some((e) => e.source === n.id))!;
  return insertAfter(g, tail.id, null, makeNode(g, "wait"));
};

async function draftOf(playbookId: string) {
  const [d] = await db()
    .select()
    .from(playbookVersions)
    .where(and(eq(playbookVersions.playbookId, playbookId), isNull(playbookVersions.publishedAt)));
  return d;
}

describe("the playbook editor's drafts", () => {
  it("an owner creates a playbook, saves its draft by revision; a stale save is refused and changes nothing", async () => {
    const o = await createTestOrg(db());
    const { id } = await createBlankPlaybook(o.owner.ctx, {
      name: "Welcome",
      trigger: "crm/tag.added",
      triggerSegmentId: "",
    });
    const opened = await getEditorState(o.owner.ctx, id);
    expect(opened.revision).toBe(1);
    expect(opened.graph.nodes).toHaveLength(1);

    const tabA = addWait(opened.graph);
    const saved = await saveEditorDraft(o.owner.ctx, id, { graph: tabA, baseRevision: 1 });
    expect(saved.revision).toBe(2);

    // A second tab still at revision 1 is refused, naming who changed it; the stored draft is tab A's.
    const tabB = addWait(addWait(opened.graph));
    const stale = await saveEditorDraft(o.owner.ctx, id, { graph: tabB, baseRevision: 1 }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as Error).message).toContain(o.owner.name);
    expect((stale as Error).message).toContain("revision 2");
    expect((await draftOf(id))!.graph.nodes).toHaveLength(2);
    expect((await draftOf(id))!.revision).toBe(2);

    // An incomplete draft (a send without a template) is stored, but not published: errors name the node.
    const withSend = insertAfter(tabA, tabA.nodes[1]!.id, null, makeNode(tabA, "send_email"));
    await saveEditorDraft(o.owner.ctx, id, { graph: withSend, baseRevision: 2 });
    const refused = await publishEditorDraft(o.owner.ctx, id, { baseRevision: 3 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fieldErrors).toEqual({
      "node:send-email-1": "Choose a template; A marketing email needs a topic",
    });
    await expect(publishEditorDraft(o.owner.ctx, id, { baseRevision: 2 })).rejects.toThrow(ConflictError);

    // Valid again: publishing makes an immutable version and the playbook's current one.
    await saveEditorDraft(o.owner.ctx, id, { graph: tabA, baseRevision: 3 });
    const published = await publishEditorDraft(o.owner.ctx, id, { baseRevision: 4 });
    const [pb] = await db().select().from(playbooks).where(eq(playbooks.id, id));
    expect(pb!.currentVersionId).toBe(published.versionId);
    expect(await draftOf(id)).toBeUndefined();

    // The next edit starts a new draft (version 2) from the live graph, at revision 0 → 1.
    const again = await getEditorState(o.owner.ctx, id);
    expect(again).toMatchObject({ revision: 0, draft: null, playbook: { liveNumber: 1 } });
    await expect(saveEditorDraft(o.owner.ctx, id, { graph: again.graph, baseRevision: 4 })).rejects.toThrow(
      ConflictError,
    );
    expect(await saveEditorDraft(o.owner.ctx, id, { graph: addWait(again.graph), baseRevision: 0 })).toMatchObject({
      revision: 1,
    });
    expect((await draftOf(id))!.number).toBe(2);
  });

  it("reps and staff may not edit; another organisation gets not found; bad input names its field", async () => {
    const o = await createTestOrg(db());
    const other = await createTestOrg(db());
    const { id } = await createBlankPlaybook(o.owner.ctx, { name: "Mine", trigger: "manual", triggerSegmentId: null });
    const { graph } = await getEditorState(o.owner.ctx, id);
    for (const who of [o.rep, o.staff]) {
      await expect(getEditorState(who.ctx, id)).rejects.toThrow(ForbiddenError);
      await expect(saveEditorDraft(who.ctx, id, { graph, baseRevision: 1 })).rejects.toThrow(ForbiddenError);
      await expect(publishEditorDraft(who.ctx, id, { baseRevision: 1 })).rejects.toThrow(ForbiddenError);
      await expect(createBlankPlaybook(who.ctx, { name: "X", trigger: "manual" })).rejects.toThrow(ForbiddenError);
    }
    await expect(getEditorState(other.owner.ctx, id)).rejects.toThrow(NotFoundError);
    await expect(saveEditorDraft(other.owner.ctx, id, { graph, baseRevision: 1 })).rejects.toThrow(NotFoundError);
    await expect(publishEditorDraft(other.owner.ctx, id, { baseRevision: 1 })).rejects.toThrow(NotFoundError);
    expect((await draftOf(id))!.revision).toBe(1);

    const bad = await saveEditorDraft(o.owner.ctx, id, {
      graph: { nodes: [{ id: "x", type: "teleport", config: {} }], edges: [] },
      baseRevision: 1,
    }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ZodError);
    expect((bad as ZodError).issues[0]!.path).toEqual(["graph", "nodes", 0, "type"]);
    const noName = await createBlankPlaybook(o.owner.ctx, { name: " ", trigger: "manual" }).catch((e: unknown) => e);
    expect((noName as ZodError).issues.map((i) => i.path.join("."))).toEqual(["name"]);
  });
});
