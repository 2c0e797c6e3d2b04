import { describe, expect, it } from "vitest";
import { diffVersions, fieldLabel, removedSteps, showValue, type DiffGraph } from "./diff";

const node = (id: string, type: string, config: Record<string, unknown> = {}, label?: string) => ({
  id,
  type,
  config,
  ...(label ? { label } : {}),
  position: { x: 0, y: 0 },
});
const edge = (source: string, target: string, sourceHandle: string | null = null) => ({ source, target, sourceHandle });

// tag → wait 2 days → branch(yes: send, no: notify)
const v1: DiffGraph = {
  nodes: [
    node("tag", "add_tag", { tag: "vip" }),
    node("wait", "wait", { amount: 2, unit: "days" }),
    node("branch", "branch", { condition: { kind: "opened_previous_email" } }),
    node("send", "send_email", { templateId: "t1", category: "marketing", topicKey: "news" }),
    node("notify", "notify_owner", { title: "Call them" }),
  ],
  edges: [edge("tag", "wait"), edge("wait", "branch"), edge("branch", "send", "yes"), edge("branch", "notify", "no")],
};

describe("diffVersions", () => {
  it("two equal graphs have no changes, even when steps moved on the canvas", () => {
    const moved = { ...v1, nodes: v1.nodes.map((n) => ({ ...n, position: { x: 99, y: 99 } })) };
    expect(diffVersions(v1, moved)).toEqual({ added: [], removed: [], changed: [], marks: {}, same: true });
  });

  it("with no earlier version every step is added", () => {
    const d = diffVersions(null, v1);
    expect(d.added).toEqual(["tag", "wait", "branch", "send", "notify"]);
    expect(d.marks.send).toBe("added");
    expect(d.same).toBe(false);
  });

  it("lists a changed setting old → new, nested settings by path", () => {
    const v2 = {
      ...v1,
      nodes: v1.nodes.map((n) =>
        n.id === "wait"
          ? node("wait", "wait", { amount: 3, unit: "days" })
          : n.id === "branch"
            ? node("branch", "branch", { condition: { kind: "random", percent: 30 } })
            : n,
      ),
    };
    const d = diffVersions(v1, v2);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.changed).toEqual([
      { id: "wait", status: "changed", changes: [{ field: "config.amount", before: 2, after: 3 }] },
      {
        id: "branch",
        status: "changed",
        changes: [
          { field: "config.condition.kind", before: "opened_previous_email", after: "random" },
          { field: "config.condition.percent", before: null, after: 30 },
        ],
      },
    ]);
    expect(d.marks).toEqual({ wait: "changed", branch: "changed" });
  });

  it("an inserted step is added and the step before it changes where it leads; a removed step is listed", () => {
    const v2: DiffGraph = {
      nodes: [...v1.nodes.filter((n) => n.id !== "notify"), node("code", "create_discount", { value: 15 })],
      edges: [edge("tag", "wait"), edge("wait", "branch"), edge("branch", "code", "yes"), edge("code", "send")],
    };
    const d = diffVersions(v1, v2);
    expect(d.added).toEqual(["code"]);
    expect(d.removed).toEqual(["notify"]);
    expect(d.changed).toEqual([
      {
        id: "branch",
        status: "changed",
        changes: [
          { field: "next.no", before: "notify", after: null },
          { field: "next.yes", before: "send", after: "code" },
        ],
      },
    ]);
    expect(d.marks).toEqual({ code: "added", branch: "changed" });
  });

  it("a renamed step and a step whose type changed under the same id are changed", () => {
    const v2 = {
      ...v1,
      nodes: v1.nodes.map((n) => (n.id === "tag" ? node("tag", "remove_tag", { tag: "vip" }, "Drop VIP") : n)),
    };
    expect(diffVersions(v1, v2).changed).toEqual([
      {
        id: "tag",
        status: "changed",
        changes: [
          { field: "label", before: null, after: "Drop VIP" },
          { field: "type", before: "add_tag", after: "remove_tag" },
        ],
      },
    ]);
  });

  it("words for the list: field labels and values", () => {
    expect(fieldLabel("config.condition.percent")).toBe("condition percent");
    expect(fieldLabel("next")).toBe("next step");
    expect(fieldLabel("next.yes")).toBe("next step (yes)");
    expect(showValue(null)).toBe("—");
    expect(showValue(3)).toBe("3");
    expect(showValue("days")).toBe("days");
  });
});

describe("removedSteps", () => {
  it("gives the older version's steps the newer lacks, with their old connections, to draw where they were", () => {
    // The "no" arm's notify step is gone; the branch now leads nowhere on "no".
    const v2 = {
      nodes: v1.nodes.filter((n) => n.id !== "notify"),
      edges: v1.edges.filter((e) => e.target !== "notify"),
    };
    expect(removedSteps(v1, v2)).toEqual({
      nodes: [node("notify", "notify_owner", { title: "Call them" })],
      edges: [edge("branch", "notify", "no")],
    });
    // Two neighbours removed together keep the connection between them too.
    const v3 = { nodes: v1.nodes.filter((n) => n.id === "tag"), edges: [] };
    expect(removedSteps(v1, v3).nodes.map((n) => n.id)).toEqual(["wait", "branch", "send", "notify"]);
    expect(removedSteps(v1, v3).edges).toEqual(v1.edges);
    expect(removedSteps(null, v1)).toEqual({ nodes: [], edges: [] });
    expect(removedSteps(v1, v1)).toEqual({ nodes: [], edges: [] });
  });
});
