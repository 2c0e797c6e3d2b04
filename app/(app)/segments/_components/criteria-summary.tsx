import type { CriteriaNode } from "@/lib/segments/criteria.schema";
import type { FieldInfo } from "@/lib/segments/fields/types";
import { describeCondition } from "./describe";

/** The conditions in words, for people who may read a segment but not edit it. */
export function CriteriaSummary({ node, fields }: { node: CriteriaNode; fields: FieldInfo[] }) {
  if (node.kind === "condition") return <li>{describeCondition(node, fields)}</li>;
  if (node.children.length === 0) return <li>Every customer</li>;
  return (
    <li>
      {node.match === "all" ? "All of:" : "Any of:"}
      <ul className="ml-5 list-disc space-y-0.5">
        {node.children.map((c) => (
          <CriteriaSummary key={c.id} node={c} fields={fields} />
        ))}
      </ul>
    </li>
  );
}
