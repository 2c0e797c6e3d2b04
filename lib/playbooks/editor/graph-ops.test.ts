import { describe, expect, it } from "vitest";
import {
  connect,
  copyOf,
  deleteNode,
  graphOrder,
  insertAfter,
  insertAtStart,
  insertOnEdge,
  makeNode,
  openOutputs,
  outputsOf,
  validateDraft,
  type DraftGraph,
  type DraftNode,
} from "./graph-ops";
import { autoLayout } from "./layout";
import { graphSchema } from "../graph.schema";

const TPL = "7b0b0c5e-3f7a-4a8e-9d9b-2f1f5c6a7b8c";
const n = (id: string, type: DraftNode["type"], config: Record<string, unknown> = {}): DraftNode => ({
  id,
  type,
  position: { x: 0, y: 0 },
  config,
});
const e = (id: string, source: string, target: string, sourceHandle: string | null = null) => ({
  id,
  source,
  target,
  sourceHandle,
});
const ids = (g: DraftGraph) => graphOrder(g).map((x) => x.id);

// tag → wait → branch(yes: send, no: notify)
function sample(): DraftGraph {
  return {
    nodes: [
      n("tag", "add_tag", { tag: "vip" }),
      n("wait", "wait", { amount: 2, unit: "days" }),
      n("br", "branch", { condition: { kind: "opened_previous_email" } }),
      n("send", "send_email", { templateId: TPL, category: "transactional", topicKey: null, onQuietHours: "defer" }),
      n("notify", "notify_owner", { title: "Call them", body: "", recipients: "contact_owner", email: true }),
    ],
    edges: [e("e1", "tag", "wait"), e("e2", "wait", "br"), e("e3", "br", "send", "yes"), e("e4", "br", "notify", "no")],
  };
}

describe("graph edit operations", () => {
  it("the sample is a valid playbook in graph order (yes before no)", () => {
    expect(validateDraft(sample())).toEqual({});
    expect(ids(sample())).toEqual(["tag", "wait", "br", "send", "notify"]);
  });

  it("inserting on an edge puts the step in between and reconnects", () => {
    const g = sample();
    const step = makeNode(g, "wait");
    const out = insertOnEdge(g, "e1", step);
    expect(ids(out)).toEqual(["tag", step.id, "wait", "br", "send", "notify"]);
    expect(out.edges.filter((x) => x.source === step.id)).toEqual([expect.objectContaining({ target: "wait" })]);
    expect(g.edges).toHaveLength(4); // the input is untouched
  });

  it("inserting a branch on an edge continues on its yes output", () => {
    const g = sample();
    const br = makeNode(g, "branch");
    const out = insertOnEdge(g, "e2", br);
    expect(out.edges.find((x) => x.source === br.id)).toMatchObject({ sourceHandle: "yes", target: "br" });
    expect(openOutputs(out, br.id).map((o) => o.handle)).toEqual(["no"]);
  });

  it("inserting after an open output appends; after a connected one inserts", () => {
    const g = sample();
    const end = makeNode(g, "exit");
    const appended = insertAfter(g, "send", null, end);
    expect(appended.edges.at(-1)).toMatchObject({ source: "send", target: end.id, sourceHandle: null });
    const w = makeNode(g, "wait");
    const inserted = insertAfter(g, "br", "no", w);
    expect(ids(inserted)).toEqual(["tag", "wait", "br", "send", w.id, "notify"]);
    expect(() => insertAfter(g, "br", "maybe", makeNode(g, "wait"))).toThrow("no such output");
  });

  it("a pasted copy gets a new id and the same settings, and goes where it is pasted", () => {
    const g = sample();
    const original = g.nodes.find((x) => x.id === "send")!;
    const copy = copyOf(g, original);
    expect(copy.id).not.toBe("send");
    expect(copy.config).toEqual(original.config);
    expect(copy.config).not.toBe(original.config);
    const pasted = insertAfter(g, "wait", null, copy);
    expect(ids(pasted)).toEqual(["tag", "wait", copy.id, "br", "send", "notify"]);
    expect(validateDraft(pasted)).toEqual({});
    // Pasting twice never reuses an id.
    expect(copyOf(pasted, original).id).not.toBe(copy.id);
  });

  it("a step can be added before the entry", () => {
    const g = sample();
    const first = makeNode(g, "remove_tag");
    expect(ids(insertAtStart(g, first))[0]).toBe(first.id);
    expect(ids(insertAtStart({ nodes: [], edges: [] }, first))).toEqual([first.id]);
  });

  it("typed outputs connect once, and a loop is refused", () => {
    const g = sample();
    expect(() => connect(g, "br", "yes", "notify")).toThrow("already connected");
    expect(() => connect(g, "tag", null, "wait")).toThrow("already connected");
    expect(() => connect(g, "send", null, "tag")).toThrow("loop");
    expect(() => connect(g, "send", "yes", "notify")).toThrow("already connected");
    const ok = connect(g, "send", null, "notify");
    expect(ok.edges).toHaveLength(5);
  });

  it("outputs are typed: branch yes/no, random split arms with percentages, wait-for-event received/timed out", () => {
    expect(
      outputsOf(n("b", "branch", { condition: { kind: "tag", tag: "x", has: true } })).map((o) => o.label),
    ).toEqual(["Yes", "No"]);
    expect(outputsOf(n("r", "branch", { condition: { kind: "random", percent: 30 } })).map((o) => o.label)).toEqual([
      "Arm A · 30%",
      "Arm B · 70%",
    ]);
    expect(outputsOf(n("w", "wait_for_event", {})).map((o) => o.handle)).toEqual(["received", "timed_out"]);
    expect(outputsOf(n("x", "exit"))).toEqual([]);
  });

  it("deleting a step joins its way in to its way out", () => {
    const out = deleteNode(sample(), "wait");
    expect(ids(out)).toEqual(["tag", "br", "send", "notify"]);
    expect(out.edges.find((x) => x.source === "tag")).toMatchObject({ target: "br" });
    expect(validateDraft(out)).toEqual({});
    // The entry and a last step delete cleanly too.
    expect(ids(deleteNode(sample(), "tag"))).toEqual(["wait", "br", "send", "notify"]);
    expect(ids(deleteNode(sample(), "send"))).toEqual(["tag", "wait", "br", "notify"]);
  });

  it("deleting a branch asks which output to keep, and drops the other path", () => {
    expect(() => deleteNode(sample(), "br")).toThrow("Choose which output");
    const keepNo = deleteNode(sample(), "br", "no");
    expect(ids(keepNo)).toEqual(["tag", "wait", "notify"]);
    expect(keepNo.edges.find((x) => x.source === "wait")).toMatchObject({ target: "notify", sourceHandle: null });
    expect(validateDraft(keepNo)).toEqual({});
    const keepYes = deleteNode(sample(), "br", "yes");
    expect(ids(keepYes)).toEqual(["tag", "wait", "send"]);
  });

  it("a path shared by both arms survives a branch delete", () => {
    const g = sample();
    const joined = connect(g, "send", null, "notify"); // yes → send → notify; no → notify
    const out = deleteNode(joined, "br", "yes");
    expect(ids(out)).toEqual(["tag", "wait", "send", "notify"]);
  });

  it("validation names the node: settings by the server's schema, then structure", () => {
    const g = sample();
    const withBad = insertAfter(g, "send", null, makeNode(g, "send_email"));
    const problems = validateDraft(withBad);
    expect(problems["send-email-1"]).toEqual([
      { field: "config.templateId", message: "Choose a template" },
      { field: "config.topicKey", message: "A marketing email needs a topic" },
    ]);
    const loose = { ...g, nodes: [...g.nodes, n("lonely", "exit")] };
    expect(validateDraft(loose)[""]).toEqual([
      { field: "", message: "A playbook starts at exactly one step (found 2)" },
    ]);
  });

  it("auto-layout places steps in ranks, yes left of no, and keeps the graph valid", () => {
    const out = autoLayout(sample());
    const at = (id: string) => out.nodes.find((x) => x.id === id)!.position;
    expect(at("tag").y).toBeLessThan(at("wait").y);
    expect(at("wait").y).toBeLessThan(at("br").y);
    expect(at("send").y).toBe(at("notify").y);
    expect(at("send").x).toBeLessThan(at("notify").x);
    expect(graphSchema.safeParse(out).success).toBe(true);
  });
});
