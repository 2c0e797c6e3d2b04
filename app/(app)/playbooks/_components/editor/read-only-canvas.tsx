"use client";

import "@xyflow/react/dist/style.css";
import { useMemo } from "react";
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider } from "@xyflow/react";
import { graphOrder, outputsOf, type DraftGraph } from "@/lib/playbooks/editor/graph-ops";
import type { VersionDiff } from "@/lib/playbooks/editor/diff";
import { NODE_META, draftSummary } from "./node-meta";
import { StepNode, removedElements, type StepFlowNode } from "./canvas-parts";

const nodeTypes = { step: StepNode };

/**
 * The editor's canvas with the same layout, for looking only: no palette, no panel, no "+", no
 * dragging or connecting. Steps are focusable in graph order (Tab) and the outline beside it lists
 * them for screen readers. `marks` highlights steps a diff found new or changed; `removed` are the
 * steps the version compared with had and this one has not, drawn where they were.
 */
export function ReadOnlyCanvas(props: {
  graph: DraftGraph;
  templates: { id: string; name: string }[];
  marks?: VersionDiff["marks"];
  removed?: Removed;
  label: string;
}) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} marks={props.marks ?? {}} removed={props.removed ?? NONE_REMOVED} />
    </ReactFlowProvider>
  );
}

type Removed = { nodes: DraftGraph["nodes"]; edges: DraftGraph["edges"] };
const NONE_REMOVED: Removed = { nodes: [], edges: [] };

function Canvas({
  graph,
  templates,
  marks,
  removed,
  label,
}: {
  graph: DraftGraph;
  templates: { id: string; name: string }[];
  marks: VersionDiff["marks"];
  removed: Removed;
  label: string;
}) {
  const names = useMemo(() => new Map(templates.map((t) => [t.id, t.name])), [templates]);
  const ordered = useMemo(() => graphOrder(graph), [graph]);
  const nodes = useMemo(
    (): StepFlowNode[] =>
      ordered.map((n) => {
        const mark = marks[n.id];
        return {
          id: n.id,
          type: "step" as const,
          position: n.position,
          draggable: false,
          connectable: false,
          ariaLabel: `${n.label || NODE_META[n.type].title}: ${draftSummary(n, names) || "not set up yet"}${mark ? ` (${mark === "added" ? "new" : "changed"})` : ""}`,
          data: {
            node: n,
            summary: draftSummary(n, names),
            problems: [],
            outputs: outputsOf(n).map((o) => ({ ...o, open: false })),
            readOnly: true,
            mark,
          },
        };
      }),
    [ordered, names, marks],
  );
  const ghosts = useMemo(
    () => removedElements(removed, graph.nodes, (n) => draftSummary(n, names)),
    [removed, graph.nodes, names],
  );
  const allNodes = useMemo(() => [...nodes, ...ghosts.nodes], [nodes, ghosts]);
  const edges = useMemo(
    () => [
      ...graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, sourceHandle: e.sourceHandle })),
      ...ghosts.edges,
    ],
    [graph.edges, ghosts],
  );
  return (
    <div className="grid gap-3 lg:grid-cols-[240px_minmax(0,1fr)]">
      <nav aria-label={`${label}: outline`}>
        <h2 className="text-sm font-semibold text-slate-900">Outline</h2>
        <ol className="mt-2 space-y-1 text-sm">
          {ordered.map((n, i) => (
            <li key={n.id} className="rounded-md border border-slate-200 bg-white p-1.5">
              <span className="font-medium">
                {i + 1}. {n.label || NODE_META[n.type].title}
              </span>
              {marks[n.id] ? (
                <span className="ml-1 rounded-full bg-amber-100 px-1.5 text-xs text-amber-900">
                  {marks[n.id] === "added" ? "new" : "changed"}
                </span>
              ) : null}
              <span className="block truncate text-xs text-slate-600">{draftSummary(n, names)}</span>
            </li>
          ))}
        </ol>
        {removed.nodes.length ? (
          <>
            <h3 className="mt-3 text-sm font-semibold text-slate-900">Removed</h3>
            <ul className="mt-1 space-y-1 text-sm">
              {removed.nodes.map((n) => (
                <li key={n.id} className="rounded-md border border-dashed border-red-300 bg-white p-1.5">
                  <span className="font-medium">{n.label || NODE_META[n.type].title}</span>
                  <span className="ml-1 rounded-full bg-red-100 px-1.5 text-xs text-red-900">removed</span>
                  <span className="block truncate text-xs text-slate-600">{draftSummary(n, names)}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </nav>
      <div className="h-[560px] rounded-lg border border-slate-200 bg-slate-50">
        <ReactFlow<StepFlowNode>
          nodes={allNodes}
          edges={edges}
          nodeTypes={nodeTypes}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          edgesFocusable={false}
          deleteKeyCode={null}
          defaultEdgeOptions={{ type: "smoothstep" }}
          fitView
          minZoom={0.1}
          proOptions={{ hideAttribution: true }}
          aria-label={label}
        >
          <Background />
          <Controls showInteractive={false} />
          <MiniMap pannable zoomable ariaLabel={`Minimap of ${label.toLowerCase()}`} />
        </ReactFlow>
      </div>
    </div>
  );
}
