import { describe, expect, it } from "vitest";
import { getEditorState, publishEditorDraft, saveEditorDraft } from "@/lib/playbooks/drafts";
import { simulateRun } from "@/lib/playbooks/simulate";
import { insertAfter, makeNode, type DraftGraph } from "@/lib/playbooks/editor/graph-ops";
import { makeContact } from "../email/fixtures";
import { playbookByKey, playbookOrg } from "../playbooks/fixtures";
import { setupTestDb } from "./helpers";

const db = setupTestDb();

const inCity = (field: string, city: string) => ({
  kind: "criteria",
  criteria: {
    kind: "group",
    id: "top",
    match: "all",
    children: [{ kind: "condition", id: "c1", field, op: "is", value: city }],
  },
});

describe("a playbook branch on segment conditions", () => {
  it("offers the segment builder's fields, refuses an unknown field at publish naming the step, and takes yes or no per customer", async () => {
    const o = await playbookOrg(db(), {}, { city: "Porto" });
    const faro = await makeContact(db(), o.orgId, { city: "Faro" });
    const pb = await playbookByKey(db(), o.orgId, "winback");
    const state = await getEditorState(o.owner.ctx, pb.id);
    expect(state.fields.find((f) => f.key === "contact.city")).toMatchObject({ label: expect.any(String) });

    const entry = state.graph.nodes.find((n) => !state.graph.edges.some((e) => e.target === n.id))!;
    const branch = { ...makeNode(state.graph, "branch"), config: { condition: inCity("contact.nowhere", "Porto") } };
    const withBranch = insertAfter(state.graph, entry.id, null, branch as DraftGraph["nodes"][number]);
    const bad = insertAfter(withBranch, branch.id, "no", makeNode(withBranch, "exit"));
    const saved = await saveEditorDraft(o.owner.ctx, pb.id, { graph: bad, baseRevision: state.revision });
    const refused = await publishEditorDraft(o.owner.ctx, pb.id, { baseRevision: saved.revision }).catch((e) => e);
    expect(refused.fieldErrors[`node:${branch.id}`]).toMatch(/field/i);

    const good = {
      ...bad,
      nodes: bad.nodes.map((n) =>
        n.id === branch.id ? { ...n, config: { condition: inCity("contact.city", "Porto") } } : n,
      ),
    };
    const again = await saveEditorDraft(o.owner.ctx, pb.id, { graph: good, baseRevision: saved.revision });
    const published = await publishEditorDraft(o.owner.ctx, pb.id, { baseRevision: again.revision }).catch((e) => e);
    expect(published.fieldErrors).toBeUndefined();

    const taken = async (contactId: string) => {
      const { steps } = await simulateRun(o.owner.ctx, pb.id, { contactId, startAt: "2026-03-10T10:00:00Z" });
      return steps.find((s) => s.nodeId === branch.id)!.detail;
    };
    expect(await taken(o.contact.id)).toBe("took “yes”: matches the condition");
    expect(await taken(faro.id)).toBe("took “no”: does not match the condition");
  });
});
