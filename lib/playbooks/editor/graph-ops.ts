import { z } from "zod";
import { publishRuleProblems, type RuleOptions } from "./rules";
import { NODE_OUTPUTS, edgeSchema, graphProblems, nodeSchema, type GraphEdge, type NodeType } from "../graph.schema";

/**
 * Pure edit operations on a playbook draft (client-safe: no database, no React). A draft may be
 * incomplete while an owner edits it (a send without a template yet, a node not connected yet), so
 * its node configs are loose records; `validateDraft` says what stands between it and publishing.
 * Every operation returns a new graph and never mutates its input.
 */

export const NODE_TYPES = Object.keys(NODE_OUTPUTS) as NodeType[];

export const draftNodeSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "Node ids are 1–40 letters, digits, - or _"),
  type: z.enum(NODE_TYPES as [NodeType, ...NodeType[]]),
  position: z.object({ x: z.number(), y: z.number() }).default({ x: 0, y: 0 }),
  label: z.string().max(80).optional(),
  config: z.record(z.string(), z.unknown()).default({}),
});
export type DraftNode = z.infer<typeof draftNodeSchema>;

/** What a draft must be to be stored: known node types and ids, edges between known nodes. */
export const draftGraphSchema = z
  .object({
    nodes: z.array(draftNodeSchema).max(300, "At most 300 steps"),
    edges: z.array(edgeSchema).max(600),
  })
  .superRefine((g, ctx) => {
    const ids = new Set<string>();
    g.nodes.forEach((n, i) => {
      if (ids.has(n.id))
        ctx.addIssue({ code: "custom", message: `Node id "${n.id}" is used twice`, path: ["nodes", i] });
      ids.add(n.id);
    });
    g.edges.forEach((e, i) => {
      if (!ids.has(e.source) || !ids.has(e.target))
        ctx.addIssue({ code: "custom", message: "An edge joins an unknown step", path: ["edges", i] });
    });
  });
export type DraftGraph = z.infer<typeof draftGraphSchema>;

export type Output = { handle: string | null; label: string };

/** The typed outputs of a node: a branch yes/no (a random split one arm per percentage), wait-for-event received / timed out. */
export function outputsOf(node: Pick<DraftNode, "type" | "config">): Output[] {
  if (node.type === "branch") {
    const c = node.config.condition as { kind?: string; percent?: number } | undefined;
    if (c?.kind === "random" && typeof c.percent === "number")
      return [
        { handle: "yes", label: `Arm A · ${c.percent}%` },
        { handle: "no", label: `Arm B · ${100 - c.percent}%` },
      ];
    return [
      { handle: "yes", label: "Yes" },
      { handle: "no", label: "No" },
    ];
  }
  if (node.type === "wait_for_event")
    return [
      { handle: "received", label: "Received" },
      { handle: "timed_out", label: "Timed out" },
    ];
  return NODE_OUTPUTS[node.type].map((handle) => ({ handle, label: "Next" }));
}

/** What a new send starts with: the organisation's first template, its category and topic. */
export type StarterTemplate = { templateId?: string | null; category?: string; topicKey?: string | null };

/** A new node's starting settings. */
export function defaultConfig(type: NodeType, opts: StarterTemplate = {}): Record<string, unknown> {
  switch (type) {
    case "send_email":
      return {
        templateId: opts.templateId ?? "",
        category: opts.category ?? "marketing",
        topicKey: opts.topicKey ?? null,
        onQuietHours: "defer",
      };
    case "wait":
      return { amount: 1, unit: "days" };
    case "wait_until":
      return { mode: "weekday_time", weekday: null, time: "09:00" };
    case "branch":
      return { condition: { kind: "opened_previous_email" } };
    case "wait_for_event":
      return { event: "crm/payment.succeeded", timeoutHours: 72 };
    case "add_tag":
    case "remove_tag":
      return { tag: "" };
    case "update_field":
      return { field: "lifecycleStage", value: null };
    case "create_discount":
      return { kind: "percent", value: 10, validDays: 14, singleUse: true };
    case "notify_owner":
      return { title: "", body: "", recipients: "contact_owner", email: true };
    case "create_task":
      return { title: "", dueInDays: 1, assignee: "contact_owner" };
    case "webhook":
      return { url: "https://" };
    case "exit":
      return {};
  }
}

/** A fresh id not used in `graph` (`<type>-<n>`). */
export function newNodeId(graph: DraftGraph, type: NodeType): string {
  const used = new Set(graph.nodes.map((n) => n.id));
  const stem = type.replace(/_/g, "-");
  for (let i = 1; ; i++) if (!used.has(`${stem}-${i}`)) return `${stem}-${i}`;
}

function newEdgeId(graph: DraftGraph): string {
  const used = new Set(graph.edges.map((e) => e.id));
  for (let i = graph.edges.length + 1; ; i++) if (!used.has(`e${i}`)) return `e${i}`;
}

export function makeNode(graph: DraftGraph, type: NodeType, opts: StarterTemplate = {}): DraftNode {
  return { id: newNodeId(graph, type), type, position: { x: 0, y: 0 }, config: defaultConfig(type, opts) };
}

export class GraphEditError extends Error {}

const nodeOf = (g: DraftGraph, id: string) => {
  const n = g.nodes.find((x) => x.id === id);
  if (!n) throw new GraphEditError(`No step "${id}"`);
  return n;
};

/** An output connects once: true when `source`'s `handle` has no edge yet and the node has that output. */
export function outputIsOpen(g: DraftGraph, source: string, handle: string | null): boolean {
  const n = nodeOf(g, source);
  return (
    outputsOf(n).some((o) => o.handle === handle) &&
    !g.edges.some((e) => e.source === source && e.sourceHandle === handle)
  );
}

/** Outputs of `nodeId` with nothing after them. */
export function openOutputs(g: DraftGraph, nodeId: string): Output[] {
  const n = nodeOf(g, nodeId);
  return outputsOf(n).filter((o) => !g.edges.some((e) => e.source === nodeId && e.sourceHandle === o.handle));
}

/** Would an edge source → target close a loop? */
function reaches(g: DraftGraph, from: string, to: string): boolean {
  const adj = new Map<string, string[]>();
  for (const e of g.edges) (adj.get(e.source) ?? adj.set(e.source, []).get(e.source)!).push(e.target);
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(adj.get(id) ?? []));
  }
  return false;
}

/** Connects an open output to a step; refused when the output is taken, the handle unknown, or it would loop. */
export function connect(g: DraftGraph, source: string, handle: string | null, target: string): DraftGraph {
  nodeOf(g, target);
  if (!outputIsOpen(g, source, handle)) throw new GraphEditError("That output is already connected");
  if (source === target || reaches(g, target, source)) throw new GraphEditError("That connection would make a loop");
  return { ...g, edges: [...g.edges, { id: newEdgeId(g), source, target, sourceHandle: handle }] };
}

export function disconnect(g: DraftGraph, edgeId: string): DraftGraph {
  return { ...g, edges: g.edges.filter((e) => e.id !== edgeId) };
}

/** The handle a new node continues on: its first output (none for exit). */
const firstHandle = (n: DraftNode): string | null | undefined => outputsOf(n)[0]?.handle;

/** Puts `node` in the middle of an edge: source → node → (node's first output) → old target. */
export function insertOnEdge(g: DraftGraph, edgeId: string, node: DraftNode): DraftGraph {
  const edge = g.edges.find((e) => e.id === edgeId);
  if (!edge) throw new GraphEditError("No such connection");
  if (g.nodes.some((n) => n.id === node.id)) throw new GraphEditError(`Node id "${node.id}" is used twice`);
  const withNode: DraftGraph = {
    nodes: [...g.nodes, node],
    edges: g.edges.map((e) => (e.id === edgeId ? { ...e, target: node.id } : e)),
  };
  const handle = firstHandle(node);
  // An exit ends the path: what came after the edge is left unconnected (and flagged by validation).
  return handle === undefined ? withNode : connect(withNode, node.id, handle, edge.target);
}

/**
 * Adds `node` after `source` on `handle`: on an open output it is appended; on a connected one it
 * is inserted on that edge (and the old target follows it).
 */
export function insertAfter(g: DraftGraph, source: string, handle: string | null, node: DraftNode): DraftGraph {
  const existing = g.edges.find((e) => e.source === source && e.sourceHandle === handle);
  if (existing) return insertOnEdge(g, existing.id, node);
  if (!outputsOf(nodeOf(g, source)).some((o) => o.handle === handle))
    throw new GraphEditError("That step has no such output");
  return connect({ ...g, nodes: [...g.nodes, node] }, source, handle, node.id);
}

/** A copy of `node` for pasting into `g`: a fresh id, the same settings (deep-copied), no connections. */
export function copyOf(g: DraftGraph, node: DraftNode): DraftNode {
  return {
    ...structuredClone(node),
    id: newNodeId(g, node.type),
    position: { x: node.position.x + 40, y: node.position.y + 40 },
  };
}

/** Adds `node` before the entry step (or as the only step of an empty graph). */
export function insertAtStart(g: DraftGraph, node: DraftNode): DraftGraph {
  const entry = entryOf(g);
  const withNode = { ...g, nodes: [node, ...g.nodes] };
  const handle = firstHandle(node);
  return entry && handle !== undefined ? connect(withNode, node.id, handle, entry.id) : withNode;
}

/** Outputs a delete must choose between: more than one connected output means the caller asks which to keep. */
export function connectedOutputs(g: DraftGraph, nodeId: string): Output[] {
  const n = nodeOf(g, nodeId);
  return outputsOf(n).filter((o) => g.edges.some((e) => e.source === nodeId && e.sourceHandle === o.handle));
}

/**
 * Removes a step and joins its way in to its way out. With several connected outputs (a branch),
 * `keep` names the output whose path continues; the steps only reachable through the other outputs
 * go with it. Refused without `keep` when there is a choice to make.
 */
export function deleteNode(g: DraftGraph, nodeId: string, keep?: string | null): DraftGraph {
  nodeOf(g, nodeId);
  const outs = g.edges.filter((e) => e.source === nodeId);
  let keptEdge: GraphEdge | undefined;
  if (outs.length > 1) {
    if (keep === undefined) throw new GraphEditError("Choose which output to keep");
    keptEdge = outs.find((e) => e.sourceHandle === keep);
    if (!keptEdge) throw new GraphEditError("That output is not connected");
  } else keptEdge = outs[0];
  const next = keptEdge?.target;
  const ins = g.edges.filter((e) => e.target === nodeId);
  let edges = g.edges.filter((e) => e.source !== nodeId && e.target !== nodeId);
  if (next) edges = [...edges, ...ins.map((e) => ({ ...e, target: next }))];
  let out: DraftGraph = { nodes: g.nodes.filter((n) => n.id !== nodeId), edges };
  // Steps that were only reachable through the dropped outputs go too.
  const dropped = outs.filter((e) => e !== keptEdge).map((e) => e.target);
  if (dropped.length) out = pruneUnreachable(out, dropped);
  return out;
}

/** Removes the given starting points and what follows them, unless still reached from the entry. */
function pruneUnreachable(g: DraftGraph, starts: string[]): DraftGraph {
  const entry = g.nodes.filter((n) => !g.edges.some((e) => e.target === n.id) && !starts.includes(n.id));
  const reached = new Set<string>();
  const stack = entry.map((n) => n.id);
  while (stack.length) {
    const id = stack.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const e of g.edges) if (e.source === id) stack.push(e.target);
  }
  const gone = new Set<string>();
  const walk = [...starts];
  while (walk.length) {
    const id = walk.pop()!;
    if (reached.has(id) || gone.has(id)) continue;
    gone.add(id);
    for (const e of g.edges) if (e.source === id) walk.push(e.target);
  }
  return {
    nodes: g.nodes.filter((n) => !gone.has(n.id)),
    edges: g.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)),
  };
}

export function updateNode(
  g: DraftGraph,
  nodeId: string,
  patch: Partial<Pick<DraftNode, "config" | "label" | "position">>,
): DraftGraph {
  nodeOf(g, nodeId);
  return { ...g, nodes: g.nodes.map((n) => (n.id === nodeId ? { ...n, ...patch } : n)) };
}

export function moveNodes(g: DraftGraph, positions: Record<string, { x: number; y: number }>): DraftGraph {
  return { ...g, nodes: g.nodes.map((n) => (positions[n.id] ? { ...n, position: positions[n.id]! } : n)) };
}

/** The entry step: the first without an incoming edge. */
export function entryOf(g: DraftGraph): DraftNode | undefined {
  return g.nodes.find((n) => !g.edges.some((e) => e.target === n.id));
}

/**
 * Steps in graph order: depth-first from the entry, following outputs in their declared order
 * (yes before no), then anything unreachable in stored order. Tab and the outline follow it.
 */
export function graphOrder(g: DraftGraph): DraftNode[] {
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const next = new Map<string, string>(); // "source handle" → target
  const targets = new Set<string>();
  for (const e of g.edges) {
    next.set(`${e.source}\u0000${e.sourceHandle}`, e.target);
    targets.add(e.target);
  }
  const out: DraftNode[] = [];
  const seen = new Set<string>();
  // Iterative depth-first walk (a long chain must not overflow the stack).
  const visit = (start: string) => {
    const stack = [start];
    while (stack.length) {
      const id = stack.pop()!;
      const n = byId.get(id);
      if (!n || seen.has(id)) continue;
      seen.add(id);
      out.push(n);
      const outs = outputsOf(n);
      for (let i = outs.length - 1; i >= 0; i--) {
        const t = next.get(`${id}\u0000${outs[i]!.handle}`);
        if (t && !seen.has(t)) stack.push(t);
      }
    }
  };
  for (const n of g.nodes) if (!targets.has(n.id)) visit(n.id);
  for (const n of g.nodes) visit(n.id);
  return out;
}

/** Problems by node id ("" for the graph as a whole): each node's settings by the server's zod schema, then the graph's structure. */
export type Problem = { field: string; message: string };
export type DraftProblems = Record<string, Problem[]>;

export function validateDraft(g: DraftGraph, opts: RuleOptions = {}): DraftProblems {
  const problems: DraftProblems = {};
  const add = (id: string, message: string, field = "") => (problems[id] ??= []).push({ field, message });
  if (!g.nodes.length) add("", "A playbook needs at least one step");
  if (g.nodes.length > 100) add("", "A published playbook has at most 100 steps");
  for (const n of g.nodes) {
    const r = nodeSchema.safeParse(n);
    if (!r.success)
      for (const issue of r.error.issues) {
        add(n.id, issue.message, issue.path.join("."));
      }
  }
  const structural = graphProblems(g as Parameters<typeof graphProblems>[0]);
  for (const p of structural) {
    const quoted = /"([^"]+)"/.exec(p.message)?.[1];
    const id = quoted && g.nodes.some((n) => n.id === quoted) ? quoted : "";
    add(id, p.message);
  }
  // The publishing rules, unless the step's settings already have a problem on that field.
  for (const [id, field, message] of publishRuleProblems(g, opts))
    if (!problems[id]?.some((p) => p.field === field)) add(id, message, field);
  return problems;
}

/** A one-step draft a new playbook starts from. */
export function starterGraph(): DraftGraph {
  return {
    nodes: [{ id: "wait-1", type: "wait", position: { x: 0, y: 0 }, config: { amount: 1, unit: "days" } }],
    edges: [],
  };
}
