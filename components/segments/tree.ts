import type { CriteriaCondition, CriteriaGroup, CriteriaNode } from "@/lib/segments/criteria.schema";

export const newId = () => Math.random().toString(36).slice(2, 10);

export function newCondition(field = "", op = ""): CriteriaCondition {
  return { kind: "condition", id: newId(), field, op, value: undefined };
}

export function newGroup(match: "all" | "any" = "any"): CriteriaGroup {
  return { kind: "group", id: newId(), match, children: [newCondition()] };
}

/** Returns a copy of the tree with the node `id` replaced by `fn(node)` (or removed when fn returns null). */
export function mapNode(
  root: CriteriaGroup,
  id: string,
  fn: (node: CriteriaNode) => CriteriaNode | null,
): CriteriaGroup {
  const visit = (node: CriteriaNode): CriteriaNode | null => {
    if (node.id === id) return fn(node);
    if (node.kind === "condition") return node;
    return { ...node, children: node.children.map(visit).filter((c): c is CriteriaNode => c !== null) };
  };
  return (visit(root) as CriteriaGroup | null) ?? { ...root, children: [] };
}

export function depthOf(root: CriteriaGroup, id: string, level = 1): number {
  if (root.id === id) return level;
  for (const c of root.children)
    if (c.kind === "group") {
      const d = depthOf(c, id, level + 1);
      if (d) return d;
    }
  return 0;
}
