/**
 * What changed between two versions of a playbook's graph (client-safe, pure). Steps are matched
 * by id; a step's fields are its type, label, every setting (nested settings as dotted paths) and
 * where each of its outputs leads. Positions are layout, not behaviour, and are ignored.
 */

type DiffNode = { id: string; type: string; label?: string; config: Record<string, unknown> };
type DiffEdge = { source: string; target: string; sourceHandle: string | null };
export type DiffGraph = { nodes: readonly DiffNode[]; edges: readonly DiffEdge[] };

export type FieldChange = { field: string; before: unknown; after: unknown };
export type NodeDiff = { id: string; status: "added" | "removed" | "changed"; changes: FieldChange[] };
export type VersionDiff = {
  added: string[];
  removed: string[];
  changed: NodeDiff[];
  /** Every step of `b` that differs from `a` ("added" or "changed"), for highlighting on the canvas. */
  marks: Record<string, "added" | "changed">;
  same: boolean;
};

function flatten(value: unknown, prefix: string, out: Record<string, unknown>) {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (!entries.length && prefix) out[prefix] = {};
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out[prefix] = value;
}

/** A step's comparable fields: `type`, `label`, `config.<path>`, `next` / `next.<handle>`. */
function fieldsOf(n: DiffNode, edges: readonly DiffEdge[]): Record<string, unknown> {
  const out: Record<string, unknown> = { type: n.type };
  if (n.label) out.label = n.label;
  flatten(n.config, "config", out);
  for (const e of edges)
    if (e.source === n.id) out[e.sourceHandle === null ? "next" : `next.${e.sourceHandle}`] = e.target;
  return out;
}

const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);

/** The changes from `a` (older) to `b` (newer); `a` null means everything in `b` is added. */
export function diffVersions(a: DiffGraph | null, b: DiffGraph): VersionDiff {
  const before = new Map((a?.nodes ?? []).map((n) => [n.id, n]));
  const after = new Map(b.nodes.map((n) => [n.id, n]));
  const added = b.nodes.filter((n) => !before.has(n.id)).map((n) => n.id);
  const removed = (a?.nodes ?? []).filter((n) => !after.has(n.id)).map((n) => n.id);
  const changed: NodeDiff[] = [];
  for (const n of b.nodes) {
    const old = before.get(n.id);
    if (!old) continue;
    const f0 = fieldsOf(old, a!.edges);
    const f1 = fieldsOf(n, b.edges);
    const keys = [...new Set([...Object.keys(f0), ...Object.keys(f1)])].sort();
    const changes = keys
      .filter((k) => !same(f0[k], f1[k]))
      .map((k) => ({ field: k, before: f0[k] ?? null, after: f1[k] ?? null }));
    if (changes.length) changed.push({ id: n.id, status: "changed", changes });
  }
  const marks: VersionDiff["marks"] = {};
  for (const id of added) marks[id] = "added";
  for (const c of changed) marks[c.id] = "changed";
  return { added, removed, changed, marks, same: !added.length && !removed.length && !changed.length };
}

/**
 * The steps of `a` that `b` no longer has, with `a`'s connections that touch them: what a diff
 * draws as ghosts on `b`'s canvas, where they were.
 */
export function removedSteps<N extends DiffNode, E extends DiffEdge>(
  a: { nodes: readonly N[]; edges: readonly E[] } | null,
  b: DiffGraph,
): { nodes: N[]; edges: E[] } {
  if (!a) return { nodes: [], edges: [] };
  const kept = new Set(b.nodes.map((n) => n.id));
  const nodes = a.nodes.filter((n) => !kept.has(n.id));
  const gone = new Set(nodes.map((n) => n.id));
  return { nodes, edges: a.edges.filter((e) => gone.has(e.source) || gone.has(e.target)) };
}

/** A field's value as a short text for "old → new" lists. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "string") return v;
  return JSON.stringify(v);
}

/** A field path as words: `config.condition.percent` → "condition percent", `next.yes` → "next (yes)". */
export function fieldLabel(field: string): string {
  if (field === "next") return "next step";
  if (field.startsWith("next.")) return `next step (${field.slice(5)})`;
  return field.replace(/^config\./, "").replace(/\./g, " ");
}
