"use client";

import type { CriteriaGroup, CriteriaNode } from "@/lib/segments/criteria.schema";
import type { FieldInfo } from "@/lib/segments/fields/types";
import { MAX_DEPTH } from "@/lib/segments/constants";
import { OPERATOR_LABELS, OPERATORS, type Operator } from "@/lib/segments/operators";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { FieldPicker } from "./field-picker";
import { ValueInput } from "./value-input";
import { newCondition, newGroup } from "./tree";
import { defaultOperator } from "@/lib/segments/missing-value";

/** "criteria.1.0" → "2.1": how people count. */
const display = (path: string) =>
  path
    .split(".")
    .slice(1)
    .map((x) => Number(x) + 1)
    .join(".");

type Edit = (id: string, fn: (node: CriteriaNode) => CriteriaNode | null) => void;
type Props = {
  group: CriteriaGroup;
  fields: FieldInfo[];
  edit: Edit;
  level: number;
  path: string;
  errors: Record<string, string>;
  root?: boolean;
};

function ConditionRow({
  node,
  fields,
  edit,
  path,
  errors,
  n,
}: {
  node: Extract<CriteriaNode, { kind: "condition" }>;
  fields: FieldInfo[];
  edit: Edit;
  path: string;
  errors: Record<string, string>;
  n: string;
}) {
  const field = fields.find((f) => f.key === node.field);
  const ops = field ? (OPERATORS[field.type] as readonly Operator[]) : [];
  const error = errors[path];
  return (
    <li className="rounded-md border border-slate-200 bg-white p-2" data-testid="condition">
      <div className="flex flex-wrap items-start gap-2">
        <FieldPicker
          label={`Condition ${n} field`}
          fields={fields}
          value={node.field}
          onChange={(key) => {
            const f = fields.find((x) => x.key === key)!;
            edit(node.id, () => ({
              ...node,
              field: key,
              op: defaultOperator(f.type, OPERATORS[f.type]),
              value: undefined,
            }));
          }}
        />
        {field ? (
          <Select
            aria-label={`Condition ${n} operator`}
            className="w-48! py-1.5"
            value={node.op}
            onChange={(e) => edit(node.id, () => ({ ...node, op: e.target.value, value: node.value }))}
          >
            {ops.map((o) => (
              <option key={o} value={o}>
                {OPERATOR_LABELS[o]}
              </option>
            ))}
          </Select>
        ) : null}
        {field ? (
          <ValueInput
            label={`Condition ${n} value`}
            field={field}
            op={node.op as Operator}
            value={node.value}
            onChange={(value) => edit(node.id, () => ({ ...node, value }))}
          />
        ) : null}
        <Button variant="ghost" aria-label={`Remove condition ${n}`} onClick={() => edit(node.id, () => null)}>
          ✕
        </Button>
      </div>
      {field?.hint ? <p className="mt-1 text-xs text-slate-500">{field.hint}</p> : null}
      {error ? (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </li>
  );
}

/** A group of conditions joined by AND ("all") or OR ("any"); groups nest up to five levels. */
export function GroupEditor({ group, fields, edit, level, path, errors, root }: Props) {
  const label = root ? "Top group" : `Group ${display(path)}`;
  return (
    <div
      className={root ? "space-y-2" : "space-y-2 rounded-md border border-dashed border-slate-300 bg-slate-50 p-3"}
      role="group"
      aria-label={label}
    >
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span>Customers who match</span>
        <Select
          aria-label={`${label} match`}
          className="w-24! py-1"
          value={group.match}
          onChange={(e) => edit(group.id, () => ({ ...group, match: e.target.value as "all" | "any" }))}
        >
          <option value="all">all</option>
          <option value="any">any</option>
        </Select>
        <span>of these:</span>
        {!root ? (
          <Button
            variant="ghost"
            className="ml-auto"
            aria-label={`Remove ${label}`}
            onClick={() => edit(group.id, () => null)}
          >
            Remove group
          </Button>
        ) : null}
      </div>
      {group.children.length === 0 ? (
        <p className="text-sm text-slate-500">No conditions yet: every customer matches.</p>
      ) : null}
      <ul className="space-y-2">
        {group.children.map((child, i) =>
          child.kind === "condition" ? (
            <ConditionRow
              key={child.id}
              node={child}
              fields={fields}
              edit={edit}
              path={`${path}.${i}`}
              errors={errors}
              n={display(`${path}.${i}`)}
            />
          ) : (
            <li key={child.id}>
              <GroupEditor
                group={child}
                fields={fields}
                edit={edit}
                level={level + 1}
                path={`${path}.${i}`}
                errors={errors}
              />
            </li>
          ),
        )}
      </ul>
      {errors[path] ? (
        <p role="alert" className="text-xs text-red-700">
          {errors[path]}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button
          variant="secondary"
          onClick={() => edit(group.id, () => ({ ...group, children: [...group.children, newCondition()] }))}
        >
          + Condition
        </Button>
        {level < MAX_DEPTH ? (
          <Button
            variant="secondary"
            onClick={() =>
              edit(group.id, () => ({
                ...group,
                children: [...group.children, newGroup(group.match === "all" ? "any" : "all")],
              }))
            }
          >
            + Group
          </Button>
        ) : null}
      </div>
    </div>
  );
}
