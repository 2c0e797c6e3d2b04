import type { Graph } from "@/lib/playbooks/graph.schema";
import { nodeSummary } from "./node-summary";

const W = 240,
  H = 64;

/** The version's graph drawn read-only from the nodes' own positions (the future editor moves them). */
export function GraphView({
  graph,
  templates,
  highlight,
}: {
  graph: Graph;
  templates: Map<string, string>;
  highlight?: Set<string>;
}) {
  const xs = graph.nodes.map((n) => n.position.x),
    ys = graph.nodes.map((n) => n.position.y);
  const minX = Math.min(...xs),
    minY = Math.min(...ys);
  const pos = new Map(graph.nodes.map((n) => [n.id, { x: n.position.x - minX + 8, y: n.position.y - minY + 8 }]));
  const width = Math.max(...xs) - minX + W + 16,
    height = Math.max(...ys) - minY + H + 16;
  return (
    <div className="overflow-x-auto">
      <svg
        role="img"
        aria-label="Playbook steps"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        className="text-slate-700"
      >
        <defs>
          <marker
            id="arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="6"
            markerHeight="6"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#94a3b8" />
          </marker>
        </defs>
        {graph.edges.map((e) => {
          const a = pos.get(e.source)!,
            b = pos.get(e.target)!;
          const x1 = a.x + W / 2,
            y1 = a.y + H,
            x2 = b.x + W / 2,
            y2 = b.y;
          return (
            <g key={e.id}>
              <path
                d={`M ${x1} ${y1} C ${x1} ${(y1 + y2) / 2}, ${x2} ${(y1 + y2) / 2}, ${x2} ${y2 - 2}`}
                fill="none"
                stroke="#94a3b8"
                strokeWidth="1.5"
                markerEnd="url(#arrow)"
              />
              {e.sourceHandle ? (
                <text x={(x1 + x2) / 2 + 6} y={(y1 + y2) / 2} fontSize="11" fill="#475569">
                  {e.sourceHandle.replace("_", " ")}
                </text>
              ) : null}
            </g>
          );
        })}
        {graph.nodes.map((n) => {
          const p = pos.get(n.id)!;
          const s = nodeSummary(n, templates);
          const on = highlight?.has(n.id);
          return (
            <g key={n.id} transform={`translate(${p.x} ${p.y})`}>
              <rect width={W} height={H} rx="8" fill={on ? "#ecfdf5" : "#ffffff"} stroke={on ? "#059669" : "#cbd5e1"} />
              <text x="12" y="24" fontSize="13" fontWeight="600" fill="#0f172a">
                {s.title}
              </text>
              <text x="12" y="44" fontSize="11" fill="#475569">
                {s.detail.length > 36 ? `${s.detail.slice(0, 35)}…` : s.detail}
              </text>
              <title>{`${n.id}: ${s.title} — ${s.detail}`}</title>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
