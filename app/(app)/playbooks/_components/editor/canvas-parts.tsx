"use client";

import {
  BaseEdge,
  EdgeLabelRenderer,
  Handle,
  Position,
  getSmoothStepPath,
  type Edge,
  type EdgeProps,
  type Node,
  type NodeProps,
} from "@xyflow/react";
import { outputsOf, type DraftNode, type Output, type Problem } from "@/lib/playbooks/editor/graph-ops";
import { NODE_WIDTH } from "@/lib/playbooks/editor/layout";
import { NODE_META } from "./node-meta";

export type StepData = {
  node: DraftNode;
  summary: string;
  problems: Problem[];
  outputs: (Output & { open: boolean })[];
  onAddAfter?: (nodeId: string, handle: string | null) => void;
  /** Read-only canvases (reps, staff, old versions) show no "+" buttons. */
  readOnly?: boolean;
  /** Highlighted by a diff: a step new or changed since the version compared with, or a removed one drawn where it was. */
  mark?: "added" | "changed" | "removed";
};
export type StepFlowNode = Node<StepData, "step">;
export type PlusData = { from: string; to: string; onInsert: (edgeId: string) => void };
export type PlusFlowEdge = Edge<PlusData, "plus">;

const MARK_RING = {
  added: "border-emerald-600 ring-2 ring-emerald-200",
  changed: "border-amber-600 ring-2 ring-amber-200",
  removed: "border-dashed border-red-600 ring-2 ring-red-100 opacity-80",
};
const MARK_BADGE = {
  added: "bg-emerald-100 text-emerald-900",
  changed: "bg-amber-100 text-amber-900",
  removed: "bg-red-100 text-red-900",
};
const MARK_WORD = { added: "New", changed: "Changed", removed: "Removed" };

/** A step on the canvas: icon, title, one-line summary, an error badge, and its typed outputs. */
export function StepNode({ data, selected }: NodeProps<StepFlowNode>) {
  const { node, summary, problems, outputs, mark } = data;
  const meta = NODE_META[node.type];
  const title = node.label || meta.title;
  const ring = selected
    ? "border-brand-600 ring-2 ring-brand-200"
    : mark
      ? MARK_RING[mark]
      : problems.length
        ? "border-red-400"
        : "border-slate-300";
  return (
    <div
      style={{ width: NODE_WIDTH }}
      data-mark={mark}
      className={`relative rounded-lg border bg-white shadow-sm ${ring}`}
    >
      {mark ? (
        <span className={`absolute -top-2.5 right-2 rounded-full px-1.5 text-[11px] font-medium ${MARK_BADGE[mark]}`}>
          {MARK_WORD[mark]}
        </span>
      ) : null}
      <Handle type="target" position={Position.Top} />
      <div className="flex items-start gap-2 p-3">
        <span aria-hidden="true" className={`rounded px-1.5 py-0.5 text-sm ${meta.tone}`}>
          {meta.icon}
        </span>
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-semibold text-slate-900">{title}</p>
          <p className="truncate text-xs text-slate-600">{summary || "Not set up yet"}</p>
        </div>
        {problems.length ? (
          <span
            className="shrink-0 rounded-full bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800"
            title={problems.map((p) => p.message).join("\n")}
          >
            {problems.length} {problems.length === 1 ? "problem" : "problems"}
          </span>
        ) : null}
      </div>
      {outputs.length ? (
        <div className="flex border-t border-slate-100 text-[11px] text-slate-600">
          {outputs.map((o, i) => (
            <div key={o.handle ?? "next"} className="relative flex flex-1 flex-col items-center py-1">
              {outputs.length > 1 ? <span>{o.label}</span> : null}
              <Handle
                type="source"
                id={o.handle ?? undefined}
                position={Position.Bottom}
                style={{ left: `${((i + 0.5) / outputs.length) * 100}%` }}
              />
              {o.open && !data.readOnly && data.onAddAfter ? (
                <button
                  type="button"
                  tabIndex={-1}
                  aria-label={`Add a step after ${title}${outputs.length > 1 ? ` (${o.label})` : ""}`}
                  className="nodrag nopan absolute -bottom-7 h-5 w-5 rounded-full border border-slate-300 bg-white text-xs leading-none text-slate-700 hover:border-brand-600"
                  onClick={(e) => {
                    e.stopPropagation();
                    data.onAddAfter?.(node.id, o.handle);
                  }}
                >
                  +
                </button>
              ) : null}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/** An edge with a "+" in its middle that inserts a step there. */
export function PlusEdge(props: EdgeProps<PlusFlowEdge>) {
  const [path, x, y] = getSmoothStepPath(props);
  return (
    <>
      <BaseEdge id={props.id} path={path} markerEnd={props.markerEnd} />
      <EdgeLabelRenderer>
        <button
          type="button"
          tabIndex={-1}
          aria-label={`Insert a step between ${props.data?.from} and ${props.data?.to}`}
          className="nodrag nopan absolute h-5 w-5 rounded-full border border-slate-300 bg-white text-xs leading-none text-slate-700 hover:border-brand-600"
          style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px)`, pointerEvents: "all" }}
          onClick={() => props.data?.onInsert(props.id)}
        >
          +
        </button>
      </EdgeLabelRenderer>
    </>
  );
}

/** Flow ids of removed steps drawn by a diff: never an id of the graph on the canvas. */
export const REMOVED_PREFIX = "removed:";
const GHOST_GAP = 40;
const GHOST_HEIGHT = 90;

/**
 * A diff's removed steps as canvas elements: each where it was in the older version (moved aside
 * when a step of this graph now stands there), dashed in red, with its old connections dashed
 * too. They cannot be selected, moved, focused or connected: the change list is their text.
 */
export function removedElements(
  removed: { nodes: DraftNode[]; edges: { id: string; source: string; target: string; sourceHandle: string | null }[] },
  kept: { id: string; position: { x: number; y: number } }[],
  summaryOf: (n: DraftNode) => string,
): { nodes: StepFlowNode[]; edges: Edge[] } {
  const gone = new Set(removed.nodes.map((n) => n.id));
  const taken = kept.map((n) => n.position);
  const free = (p: { x: number; y: number }) =>
    taken.every((t) => Math.abs(t.x - p.x) >= NODE_WIDTH + GHOST_GAP / 2 || Math.abs(t.y - p.y) >= GHOST_HEIGHT);
  const nodes = removed.nodes.map((n): StepFlowNode => {
    const position = { ...n.position };
    while (!free(position)) position.x += NODE_WIDTH + GHOST_GAP;
    taken.push(position);
    const title = n.label || NODE_META[n.type].title;
    return {
      id: REMOVED_PREFIX + n.id,
      type: "step",
      position,
      draggable: false,
      selectable: false,
      focusable: false,
      connectable: false,
      deletable: false,
      ariaRole: "group",
      ariaLabel: `${title} (removed)`,
      data: {
        node: n,
        summary: summaryOf(n),
        problems: [],
        outputs: outputsOf(n).map((o) => ({ ...o, open: false })),
        readOnly: true,
        mark: "removed",
      },
    };
  });
  const flowId = (id: string) => (gone.has(id) ? REMOVED_PREFIX + id : id);
  const edges = removed.edges.map((e): Edge => ({
    id: REMOVED_PREFIX + e.id,
    source: flowId(e.source),
    target: flowId(e.target),
    sourceHandle: e.sourceHandle,
    type: "smoothstep",
    selectable: false,
    focusable: false,
    deletable: false,
    className: "removed-edge",
    style: { stroke: "#dc2626", strokeDasharray: "6 4" },
  }));
  return { nodes, edges };
}
