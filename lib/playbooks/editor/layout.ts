import dagre from "@dagrejs/dagre";
import { graphOrder, outputsOf, type DraftGraph } from "./graph-ops";

export const NODE_WIDTH = 260;
export const NODE_HEIGHT = 76;

/**
 * Positions every step top to bottom with dagre (a layered layout: ranks by distance from the
 * entry, crossings minimised), keeping outputs in their declared order (yes left of no). Pure:
 * returns a new graph; the editor applies it as one undo step.
 */
export function autoLayout(g: DraftGraph): DraftGraph {
  const dg = new dagre.graphlib.Graph();
  dg.setGraph({ rankdir: "TB", nodesep: 40, ranksep: 60, marginx: 20, marginy: 20 });
  dg.setDefaultEdgeLabel(() => ({}));
  for (const n of graphOrder(g)) dg.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  // Edges in output order; dagre orders a rank by the last edges set first, hence the reverse
  // (the unit test holds "yes left of no").
  const order = (handle: string | null, source: string) => {
    const n = byId.get(source);
    return n ? outputsOf(n).findIndex((o) => o.handle === handle) : 0;
  };
  const edges = [...g.edges].sort(
    (a, b) => a.source.localeCompare(b.source) || order(a.sourceHandle, a.source) - order(b.sourceHandle, b.source),
  );
  for (const e of edges.reverse()) if (byId.has(e.source) && byId.has(e.target)) dg.setEdge(e.source, e.target);
  dagre.layout(dg);
  return {
    ...g,
    nodes: g.nodes.map((n) => {
      const p = dg.node(n.id);
      return p ? { ...n, position: { x: Math.round(p.x - NODE_WIDTH / 2), y: Math.round(p.y - NODE_HEIGHT / 2) } } : n;
    }),
  };
}
