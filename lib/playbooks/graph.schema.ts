import { z } from "zod";
import { DISCOUNT_KINDS } from "./constants";
import { LIFECYCLE_STAGES } from "../customers/lifecycle";
import { criteriaSchema } from "../segments/criteria.schema";

/**
 * A playbook version's graph, shaped for a node editor: nodes carry id/type/config/position,
 * edges connect source → target, and `sourceHandle` names which output of a branching node
 * (yes/no, received/timed_out) the edge leaves from. No database or UI imports.
 */
const hhmm = z.string("Choose a time").regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Choose a time (HH:MM, 24-hour)");
const position = z.object({ x: z.number(), y: z.number() });
const base = {
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "Node ids are 1–40 letters, digits, - or _"),
  position: position.default({ x: 0, y: 0 }),
  label: z.string().max(80).optional(),
};
const durationUnit = z.enum(["minutes", "hours", "days"]);

export const CONTACT_DATE_FIELDS = ["birthday", "createdAt", "firstVisitAt", "lastVisitAt"] as const;
export const UPDATABLE_FIELDS = [
  "jobTitle",
  "company",
  "preferredLanguage",
  "referralSource",
  "lifecycleStage",
] as const;
export const CONDITION_FIELDS = [
  "email",
  "company",
  "country",
  "city",
  "preferredLanguage",
  "totalVisits",
  "totalSpentMinor",
  "marketingConsent",
] as const;

export const conditionSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("field"),
    field: z.enum(CONDITION_FIELDS),
    op: z.enum(["eq", "neq", "gt", "lt", "contains", "is_set"]),
    value: z.union([z.string(), z.number()]).nullable().default(null),
  }),
  z.object({ kind: z.literal("tag"), tag: z.string().min(1), has: z.boolean().default(true) }),
  z.object({ kind: z.literal("lifecycle"), stages: z.array(z.enum(LIFECYCLE_STAGES)).min(1) }),
  z.object({ kind: z.literal("score"), op: z.enum(["gt", "lt"]), value: z.number().int() }),
  z.object({ kind: z.literal("opened_previous_email") }),
  z.object({ kind: z.literal("clicked_previous_email") }),
  z.object({ kind: z.literal("random"), percent: z.number().int().min(1).max(99) }),
  // The segment builder's conditions, checked for this one customer at the moment of the branch.
  z.object({
    kind: z.literal("criteria"),
    criteria: criteriaSchema.refine((g) => g.children.length > 0, "Add at least one condition"),
  }),
]);
export type Condition = z.infer<typeof conditionSchema>;

export const nodeSchema = z.discriminatedUnion("type", [
  z.object({
    ...base,
    type: z.literal("send_email"),
    config: z.object({
      templateId: z.uuid("Choose a template"),
      category: z.enum(["transactional", "marketing"]),
      topicKey: z.string().nullable().default(null),
      onQuietHours: z.enum(["defer", "skip"]).default("defer"),
    }),
  }),
  z.object({
    ...base,
    type: z.literal("wait"),
    config: z.object({ amount: z.number().int().min(1).max(10_000), unit: durationUnit }),
  }),
  z.object({
    ...base,
    type: z.literal("wait_until"),
    config: z.discriminatedUnion("mode", [
      z.object({ mode: z.literal("weekday_time"), weekday: z.number().int().min(0).max(6).nullable(), time: hhmm }),
      z.object({
        mode: z.literal("contact_date"),
        field: z.enum(CONTACT_DATE_FIELDS),
        offsetDays: z.number().int().min(-365).max(365),
        time: hhmm,
      }),
    ]),
  }),
  z.object({ ...base, type: z.literal("branch"), config: z.object({ condition: conditionSchema }) }),
  z.object({
    ...base,
    type: z.literal("wait_for_event"),
    config: z.object({
      event: z.string().min(1),
      timeoutHours: z
        .number("A wait for an event needs a timeout (in hours)")
        .int("Enter whole hours")
        .min(1, "A wait for an event needs a timeout of at least 1 hour")
        .max(24 * 90, "At most 90 days (2160 hours)"),
    }),
  }),
  z.object({ ...base, type: z.literal("add_tag"), config: z.object({ tag: z.string().trim().min(1).max(40) }) }),
  z.object({ ...base, type: z.literal("remove_tag"), config: z.object({ tag: z.string().trim().min(1).max(40) }) }),
  z.object({
    ...base,
    type: z.literal("update_field"),
    config: z.object({ field: z.enum(UPDATABLE_FIELDS), value: z.string().max(200).nullable() }),
  }),
  z.object({
    ...base,
    type: z.literal("create_discount"),
    config: z.object({
      kind: z.enum(DISCOUNT_KINDS),
      value: z.number().int().min(1),
      validDays: z.number().int().min(1).max(365).nullable(),
      singleUse: z.boolean().default(true),
    }),
  }),
  z.object({
    ...base,
    type: z.literal("notify_owner"),
    config: z.object({
      title: z.string().min(1).max(200),
      body: z.string().max(5000).default(""),
      recipients: z.enum(["contact_owner", "org_owners"]).default("contact_owner"),
      email: z.boolean().default(true),
    }),
  }),
  z.object({
    ...base,
    type: z.literal("create_task"),
    config: z.object({
      title: z.string().min(1).max(200),
      dueInDays: z.number().int().min(0).max(365),
      assignee: z.enum(["contact_owner", "org_owner"]).default("contact_owner"),
    }),
  }),
  z.object({ ...base, type: z.literal("webhook"), config: z.object({ url: z.url({ protocol: /^https?$/ }) }) }),
  z.object({ ...base, type: z.literal("exit"), config: z.object({}).default({}) }),
]);
export type GraphNode = z.infer<typeof nodeSchema>;
export type NodeType = GraphNode["type"];
export type NodeOf<T extends NodeType> = Extract<GraphNode, { type: T }>;

export const edgeSchema = z.object({
  id: z.string().min(1).max(80),
  source: z.string(),
  target: z.string(),
  sourceHandle: z.string().nullable().default(null),
});
export type GraphEdge = z.infer<typeof edgeSchema>;

/** Outputs of each node type; `null` is the single default output. */
export const NODE_OUTPUTS: Record<NodeType, readonly (string | null)[]> = {
  send_email: [null],
  wait: [null],
  wait_until: [null],
  branch: ["yes", "no"],
  wait_for_event: ["received", "timed_out"],
  add_tag: [null],
  remove_tag: [null],
  update_field: [null],
  create_discount: [null],
  notify_owner: [null],
  create_task: [null],
  webhook: [null],
  exit: [],
};

export const graphSchema = z
  .object({
    nodes: z.array(nodeSchema).min(1, "A playbook needs at least one step").max(100),
    edges: z.array(edgeSchema).max(200),
  })
  .superRefine((g, ctx) => {
    for (const problem of graphProblems(g))
      ctx.addIssue({ code: "custom", message: problem.message, path: problem.path });
  });
export type Graph = z.infer<typeof graphSchema>;

type Problem = { message: string; path: (string | number)[] };

/** Structural rules: unique ids, edges between known nodes on known outputs, one entry, no cycles, all reachable. */
export function graphProblems(g: { nodes: GraphNode[]; edges: GraphEdge[] }): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map<string, GraphNode>();
  g.nodes.forEach((n, i) => {
    if (byId.has(n.id)) problems.push({ message: `Node id "${n.id}" is used twice`, path: ["nodes", i, "id"] });
    byId.set(n.id, n);
  });
  const used = new Set<string>();
  g.edges.forEach((e, i) => {
    const from = byId.get(e.source);
    if (!from)
      return void problems.push({ message: `Edge from unknown node "${e.source}"`, path: ["edges", i, "source"] });
    if (!byId.has(e.target))
      return void problems.push({ message: `Edge to unknown node "${e.target}"`, path: ["edges", i, "target"] });
    if (!NODE_OUTPUTS[from.type].includes(e.sourceHandle))
      problems.push({
        message: `"${from.id}" has no output "${e.sourceHandle ?? "default"}"`,
        path: ["edges", i, "sourceHandle"],
      });
    const k = `${e.source}:${e.sourceHandle}`;
    if (used.has(k))
      problems.push({
        message: `"${from.id}" output "${e.sourceHandle ?? "default"}" leads to two steps`,
        path: ["edges", i],
      });
    used.add(k);
  });
  if (problems.length) return problems;
  const roots = g.nodes.filter((n) => !g.edges.some((e) => e.target === n.id));
  if (roots.length !== 1)
    return [{ message: `A playbook starts at exactly one step (found ${roots.length})`, path: ["nodes"] }];
  // Depth-first from the entry: a grey node met again is a cycle.
  const state = new Map<string, "grey" | "black">();
  const visit = (id: string): boolean => {
    state.set(id, "grey");
    for (const e of g.edges.filter((x) => x.source === id)) {
      const s = state.get(e.target);
      if (s === "grey" || (!s && !visit(e.target))) return false;
    }
    state.set(id, "black");
    return true;
  };
  if (!visit(roots[0]!.id)) return [{ message: "Steps form a loop", path: ["edges"] }];
  const unreachable = g.nodes.filter((n) => !state.has(n.id));
  if (unreachable.length) problems.push({ message: `Step "${unreachable[0]!.id}" cannot be reached`, path: ["nodes"] });
  return problems;
}

export function entryNode(g: Graph): GraphNode {
  return g.nodes.find((n) => !g.edges.some((e) => e.target === n.id))!;
}

/** The node after `nodeId` on `handle` (null default output), or null at the end. */
export function nextNode(g: Graph, nodeId: string, handle: string | null = null): GraphNode | null {
  const edge = g.edges.find((e) => e.source === nodeId && e.sourceHandle === handle);
  return edge ? (g.nodes.find((n) => n.id === edge.target) ?? null) : null;
}

/** A straight line of steps, for the built-in playbooks and tests. */
export function linearGraph(nodes: Omit<GraphNode, "position">[]): Graph {
  return graphSchema.parse({
    nodes: nodes.map((n, i) => ({ ...n, position: { x: 0, y: i * 120 } })),
    edges: nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i]!.id, target: n.id, sourceHandle: null })),
  });
}
