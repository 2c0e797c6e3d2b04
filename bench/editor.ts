// npm run bench:editor — the editor's pure graph work on a large playbook (BENCH_NODES, 200):
// building it step by step, insert on an edge, delete with join, validation, graph order and
// dagre auto-layout, and 200 undo/redo steps. Runs in Node (the same code runs in the browser);
// the canvas itself (React Flow render, drag frames, autosave round trip) is not measured here.
// Last line JSON: {"nodes","build_ms","insert_ms_p95","delete_ms_p95","validate_ms","order_ms","layout_ms",
//   "undo_redo_ms","targets"}. Targets: validate ≤ 20 ms, layout ≤ 150 ms, an edit ≤ 5 ms.
import { performance } from "node:perf_hooks";
import {
  deleteNode,
  graphOrder,
  insertAfter,
  insertOnEdge,
  makeNode,
  openOutputs,
  validateDraft,
  type DraftGraph,
} from "@/lib/playbooks/editor/graph-ops";
import { autoLayout } from "@/lib/playbooks/editor/layout";
import { historyReducer, initHistory } from "@/lib/playbooks/editor/history";
import type { NodeType } from "@/lib/playbooks/graph.schema";

const NODES = Number(process.env.BENCH_NODES ?? 200);
const TYPES: NodeType[] = [
  "wait",
  "add_tag",
  "create_discount",
  "branch",
  "notify_owner",
  "wait_for_event",
  "update_field",
];

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? 0;
const round = (x: number) => Math.round(x * 100) / 100;
function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
}

function build(): DraftGraph {
  let g: DraftGraph = { nodes: [], edges: [] };
  g = { nodes: [makeNode(g, "add_tag")], edges: [] };
  let i = 0;
  while (g.nodes.length < NODES) {
    // Grow from the open output of the most recently added step that has one.
    const from = [...g.nodes].reverse().find((n) => openOutputs(g, n.id).length)!;
    const handle = openOutputs(g, from.id)[0]!.handle;
    g = insertAfter(g, from.id, handle, makeNode(g, TYPES[i++ % TYPES.length]!));
  }
  return g;
}

function main() {
  // Warm-up (JIT), then measure.
  build();
  const [g, buildMs] = time(build);
  const inserts: number[] = [];
  const deletes: number[] = [];
  let cur = g;
  for (let k = 0; k < 100; k++) {
    const edge = cur.edges[(k * 7) % cur.edges.length]!;
    const [next, ms] = time(() => insertOnEdge(cur, edge.id, makeNode(cur, "wait")));
    inserts.push(ms);
    cur = next;
  }
  for (let k = 0; k < 100; k++) {
    const victim = cur.nodes.find((n) => n.type === "wait" && cur.edges.filter((e) => e.source === n.id).length <= 1)!;
    const [next, ms] = time(() => deleteNode(cur, victim.id));
    deletes.push(ms);
    cur = next;
  }
  validateDraft(g);
  const [problems, validateMs] = time(() => validateDraft(g));
  const [, orderMs] = time(() => graphOrder(g));
  autoLayout(g);
  const [, layoutMs] = time(() => autoLayout(g));
  const [, undoMs] = time(() => {
    let h = initHistory(g);
    for (let k = 0; k < 200; k++)
      h = historyReducer(h, { type: "commit", graph: { ...h.present, nodes: [...h.present.nodes] } });
    for (let k = 0; k < 200; k++) h = historyReducer(h, { type: "undo" });
    for (let k = 0; k < 200; k++) h = historyReducer(h, { type: "redo" });
    return h;
  });
  const structural = problems[""]?.length ?? 0;
  console.log(`graph: ${g.nodes.length} nodes, ${g.edges.length} edges; structural problems: ${structural}`);
  console.log(
    JSON.stringify({
      nodes: g.nodes.length,
      build_ms: round(buildMs),
      insert_ms_p95: round(p95(inserts)),
      delete_ms_p95: round(p95(deletes)),
      validate_ms: round(validateMs),
      order_ms: round(orderMs),
      layout_ms: round(layoutMs),
      undo_redo_ms: round(undoMs),
      targets: { validate_ms: 20, layout_ms: 150, edit_ms: 5 },
    }),
  );
}

main();
