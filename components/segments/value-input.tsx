"use client";

import type { FieldInfo } from "@/lib/segments/fields/types";
import { INTERACTION_LABELS, INTERACTION_TYPES } from "@/lib/customers/constants";
import { VALUELESS, type Operator } from "@/lib/segments/operators";
import { Input, Select } from "@/components/ui/field";
import { MultiSelect } from "./multi-select";

type Props = { field: FieldInfo; op: Operator; value: unknown; onChange: (v: unknown) => void; label: string };

/** Money is edited in major units and stored in minor units (integers), like everywhere in Tend. */
function NumberBox({
  value,
  onChange,
  money,
  label,
}: {
  value: unknown;
  onChange: (v: number | undefined) => void;
  money: boolean;
  label: string;
}) {
  const shown = typeof value === "number" ? (money ? value / 100 : value) : "";
  return (
    <Input
      type="number"
      inputMode="decimal"
      step={money ? "0.01" : "1"}
      aria-label={label}
      className="w-32! py-1.5"
      value={shown}
      onChange={(e) => {
        const n = e.target.valueAsNumber;
        onChange(Number.isNaN(n) ? undefined : money ? Math.round(n * 100) : Math.trunc(n));
      }}
    />
  );
}

export function ValueInput({ field, op, value, onChange, label }: Props) {
  if (VALUELESS.includes(op)) return null;
  const money = field.unit === "money";
  switch (field.type) {
    case "text":
      return (
        <Input
          aria-label={label}
          className="w-48! py-1.5"
          value={typeof value === "string" ? value : ""}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case "number":
      if (op === "between") {
        const [a, b] = Array.isArray(value) ? (value as unknown[]) : [undefined, undefined];
        return (
          <span className="flex items-center gap-1 text-sm">
            <NumberBox label={`${label} from`} value={a} money={money} onChange={(v) => onChange([v, b])} />
            and
            <NumberBox label={`${label} to`} value={b} money={money} onChange={(v) => onChange([a, v])} />
          </span>
        );
      }
      return <NumberBox label={label} value={value} money={money} onChange={onChange} />;
    case "date":
      if (op === "before" || op === "after" || op === "on") {
        return (
          <Input
            type="date"
            aria-label={label}
            className="w-40! py-1.5"
            value={typeof value === "string" ? value : ""}
            onChange={(e) => onChange(e.target.value || undefined)}
          />
        );
      }
      return (
        <span className="flex items-center gap-1 text-sm">
          <NumberBox label={label} value={value} money={false} onChange={onChange} /> days
        </span>
      );
    case "enum":
    case "tags":
      return (
        <MultiSelect
          label={label}
          options={field.options ?? []}
          value={Array.isArray(value) ? (value as string[]) : []}
          onChange={onChange}
        />
      );
    case "interaction_count": {
      const v = (value ?? {}) as { type?: string; days?: number; count?: number };
      return (
        <span className="flex flex-wrap items-center gap-1 text-sm">
          <NumberBox
            label={`${label} count`}
            value={v.count}
            money={false}
            onChange={(count) => onChange({ ...v, count })}
          />
          <Select
            aria-label={`${label} kind`}
            className="w-32! py-1.5"
            value={v.type ?? ""}
            onChange={(e) => onChange({ ...v, type: e.target.value || undefined })}
          >
            <option value="">kind…</option>
            {INTERACTION_TYPES.map((t) => (
              <option key={t} value={t}>
                {INTERACTION_LABELS[t]}
              </option>
            ))}
          </Select>
          in the last
          <NumberBox
            label={`${label} days`}
            value={v.days}
            money={false}
            onChange={(days) => onChange({ ...v, days })}
          />{" "}
          days
        </span>
      );
    }
    default:
      return null;
  }
}
