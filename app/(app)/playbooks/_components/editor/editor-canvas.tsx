"use client";

import { useCallback, useMemo, useState } from "react";
import { Background, Controls, MiniMap, ReactFlow, type Connection, type Edge, type NodeChange } from "@xyflow/react";
import { PlusEdge, REMOVED_PREFIX, StepNode, type PlusFlowEdge, type StepFlowNode } from "./canvas-parts";

const nodeTypes = { step: StepNode };
const edgeTypes = { plus: PlusEdge };
const PRO_OPTIONS = { hideAttribution: true };

type Position = { x: number; y: number };

/**
 * The editor's React Flow canvas. It keeps a drag's positions and the measured sizes to itself,
 * so a drag frame re-renders the canvas only, not the outline, palette and settings beside it.
 * A drag reaches the editor once, where it ends, as one undo step.
 */
export function EditorCanvas({
  nodes,
  edges,
  onSelect,
  onOpen,
  onMoved,
  onConnect,
  isValidConnection,
}: {
  nodes: StepFlowNode[];
  edges: (PlusFlowEdge | Edge)[];
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
  onMoved: (positions: Record<string, Position>) => void;
  onConnect: (c: Connection) => void;
  isValidConnection: (c: { source: string; sourceHandle?: string | null; target: string }) => boolean;
}) {
  const [measured, setMeasured] = useState<Record<string, { width: number; height: number }>>({});
  const [dragging, setDragging] = useState<Record<string, Position>>({});
  const sized = useMemo(
    () => nodes.map((n) => (measured[n.id] ? { ...n, measured: measured[n.id] } : n)),
    [nodes, measured],
  );
  // While dragging, only the moved nodes get new objects: the others keep theirs, so React Flow
  // and the step components skip them on every frame of the drag.
  const canvasNodes = useMemo(
    () =>
      Object.keys(dragging).length === 0
        ? sized
        : sized.map((n) => (dragging[n.id] ? { ...n, position: dragging[n.id]! } : n)),
    [sized, dragging],
  );
  const onNodesChange = useCallback(
    (changes: NodeChange<StepFlowNode>[]) => {
      for (const c of changes) {
        if (c.type === "select" && c.selected) onSelect(c.id);
        else if (c.type === "dimensions" && c.dimensions) {
          const d = c.dimensions;
          setMeasured((m) => ({ ...m, [c.id]: d }));
        } else if (c.type === "position" && c.position && c.dragging) {
          const p = c.position;
          setDragging((m) => ({ ...m, [c.id]: p }));
        }
      }
    },
    [onSelect],
  );
  // Stable across a drag's frames: React Flow hands onNodeClick to every step's wrapper, so a new
  // function each frame would re-render all 150 steps, not just the one being moved.
  const onNodeDragStop = useCallback(
    (_: unknown, __: unknown, moved: StepFlowNode[]) => {
      setDragging({});
      onMoved(Object.fromEntries(moved.map((n) => [n.id, n.position])));
    },
    [onMoved],
  );
  const onNodeClick = useCallback(
    (_: unknown, n: StepFlowNode) => {
      if (!n.id.startsWith(REMOVED_PREFIX)) onOpen(n.id);
    },
    [onOpen],
  );

  return (
    <ReactFlow<StepFlowNode, PlusFlowEdge | Edge>
      nodes={canvasNodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      onNodeDragStop={onNodeDragStop}
      onConnect={onConnect}
      isValidConnection={isValidConnection}
      onNodeClick={onNodeClick}
      deleteKeyCode={null}
      edgesFocusable={false}
      fitView
      minZoom={0.1}
      proOptions={PRO_OPTIONS}
      aria-label="Playbook canvas"
    >
      <Background />
      <Controls showInteractive={false} />
      {/* Top right: new steps grow downwards, where a bottom minimap would cover their "+" buttons. */}
      <MiniMap position="top-right" pannable zoomable ariaLabel="Minimap of the playbook" />
    </ReactFlow>
  );
}
