import { describe, expect, it } from "vitest";
import { canRedo, canUndo, historyReducer, initHistory, type History } from "./history";
import { deleteNode, insertAfter, makeNode, type DraftGraph } from "./graph-ops";
import { autoLayout } from "./layout";

const start: DraftGraph = {
  nodes: [{ id: "a", type: "wait", position: { x: 0, y: 0 }, config: { amount: 1, unit: "days" } }],
  edges: [],
};
const add = (g: DraftGraph) => insertAfter(g, graphTail(g), null, makeNode(g, "wait"));
const graphTail = (g: DraftGraph) => g.nodes.find((n) => !g.edges.some((e) => e.source === n.id))!.id;

describe("undo/redo reducer", () => {
  it("undoes and redoes a sequence, and a new edit clears the redo stack", () => {
    let h = initHistory(start);
    const g1 = add(h.present);
    h = historyReducer(h, { type: "commit", graph: g1 });
    const g2 = add(h.present);
    h = historyReducer(h, { type: "commit", graph: g2 });
    expect(h.present.nodes).toHaveLength(3);
    h = historyReducer(h, { type: "undo" });
    expect(h.present).toBe(g1);
    h = historyReducer(h, { type: "undo" });
    expect(h.present).toBe(start);
    expect(canUndo(h)).toBe(false);
    h = historyReducer(h, { type: "undo" });
    expect(h.present).toBe(start);
    h = historyReducer(h, { type: "redo" });
    expect(h.present).toBe(g1);
    expect(canRedo(h)).toBe(true);
    const g3 = deleteNode(h.present, "a");
    h = historyReducer(h, { type: "commit", graph: g3 });
    expect(canRedo(h)).toBe(false);
    expect(historyReducer(h, { type: "redo" })).toBe(h);
  });

  it("keeps at least 100 steps", () => {
    let h: History = initHistory(start);
    for (let i = 0; i < 150; i++) h = historyReducer(h, { type: "commit", graph: add(h.present) });
    expect(h.present.nodes).toHaveLength(151);
    for (let i = 0; i < 150; i++) h = historyReducer(h, { type: "undo" });
    expect(h.present).toBe(start);
    for (let i = 0; i < 150; i++) h = historyReducer(h, { type: "redo" });
    expect(h.present.nodes).toHaveLength(151);
    let capped: History = initHistory(start);
    for (let i = 0; i < 120; i++) capped = historyReducer(capped, { type: "commit", graph: add(capped.present) }, 100);
    expect(capped.past).toHaveLength(100);
  });

  it("auto-layout is one step; a drag is one step from where it began", () => {
    let h = initHistory(add(add(start)));
    h = historyReducer(h, { type: "commit", graph: autoLayout(h.present) });
    expect(h.past).toHaveLength(1);
    h = historyReducer(h, { type: "undo" });
    expect(h.present.nodes.every((n) => n.position.y === 0)).toBe(true);

    const before = h.present;
    const moving = { ...before, nodes: before.nodes.map((n) => ({ ...n, position: { x: 5, y: 5 } })) };
    h = historyReducer(h, { type: "replace", graph: moving });
    h = historyReducer(h, { type: "replace", graph: { ...moving } });
    h = historyReducer(h, { type: "commit", graph: h.present, from: before });
    expect(h.past.at(-1)).toBe(before);
    h = historyReducer(h, { type: "undo" });
    expect(h.present).toBe(before);
  });
});
