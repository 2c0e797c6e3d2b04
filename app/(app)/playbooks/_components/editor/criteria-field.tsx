"use client";

import { useEffect } from "react";
import { useController, type Control, type FieldPath } from "react-hook-form";
import { GroupEditor } from "@/components/segments/group-editor";
import { mapNode, newGroup } from "@/components/segments/tree";
import type { DraftNode } from "@/lib/playbooks/editor/graph-ops";
import type { CriteriaGroup, CriteriaNode } from "@/lib/segments/criteria.schema";
import type { FieldInfo } from "@/lib/segments/fields/types";

const NAME = "config.condition.criteria" as FieldPath<DraftNode>;

/** Every message zod left somewhere under the criteria, each once. */
function messagesIn(error: unknown, out = new Set<string>()): Set<string> {
  if (!error || typeof error !== "object") return out;
  const { message } = error as { message?: unknown };
  if (typeof message === "string") out.add(message);
  for (const [k, v] of Object.entries(error)) if (k !== "ref" && k !== "message") messagesIn(v, out);
  return out;
}

/** A branch on segment conditions: the segment builder's field picker and value inputs, for one customer. */
export function CriteriaField({ control, fields }: { control: Control<DraftNode>; fields: FieldInfo[] }) {
  const { field, fieldState } = useController({ control, name: NAME });
  const group = field.value as unknown as CriteriaGroup | undefined;
  useEffect(() => {
    if (!group) field.onChange(newGroup("all"));
  }, [group, field]);
  if (!group) return null;
  const edit = (id: string, fn: (node: CriteriaNode) => CriteriaNode | null) => field.onChange(mapNode(group, id, fn));
  const problems = [...messagesIn(fieldState.error)];
  return (
    <div className="space-y-2 rounded-md border border-slate-200 p-2" data-testid="branch-criteria">
      <p className="text-xs text-slate-600">
        “Yes” when the customer matches these conditions at that moment — the same fields and rules as segments.
      </p>
      <GroupEditor root group={group} fields={fields} edit={edit} level={1} path="criteria" errors={{}} />
      {problems.length ? (
        <ul role="alert" className="list-disc pl-5 text-xs text-red-700">
          {problems.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
