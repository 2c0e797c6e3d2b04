import { fieldLabel, showValue, type VersionDiff } from "@/lib/playbooks/editor/diff";
import type { DraftGraph } from "@/lib/playbooks/editor/graph-ops";
import { NODE_META } from "./node-meta";

/** A diff as words: steps added and removed, and each changed step's fields old → new. */
export function ChangeList({
  diff,
  before,
  after,
  templates = [],
}: {
  diff: VersionDiff;
  before: DraftGraph | null;
  after: DraftGraph;
  templates?: { id: string; name: string }[];
}) {
  const title = (g: DraftGraph | null, id: string) => {
    const n = g?.nodes.find((x) => x.id === id);
    return n ? `${n.label || NODE_META[n.type].title} (${id})` : id;
  };
  // Templates by name, next steps by title: ids mean little to a reader.
  const value = (field: string, v: unknown, g: DraftGraph | null) =>
    field === "config.templateId"
      ? (templates.find((t) => t.id === v)?.name ?? showValue(v))
      : field.startsWith("next") && typeof v === "string"
        ? title(g, v)
        : showValue(v);
  if (diff.same) return <p className="text-sm text-slate-600">No changes to the steps.</p>;
  return (
    <ul className="space-y-1 text-sm" aria-label="Changes">
      {diff.added.map((id) => (
        <li key={`a-${id}`}>
          <span className="rounded bg-emerald-100 px-1 text-xs font-medium text-emerald-900">Added</span>{" "}
          {title(after, id)}
        </li>
      ))}
      {diff.removed.map((id) => (
        <li key={`r-${id}`}>
          <span className="rounded bg-red-100 px-1 text-xs font-medium text-red-900">Removed</span> {title(before, id)}
        </li>
      ))}
      {diff.changed.map((c) => (
        <li key={`c-${c.id}`}>
          <span className="rounded bg-amber-100 px-1 text-xs font-medium text-amber-900">Changed</span>{" "}
          {title(after, c.id)}
          <ul className="ml-5 list-disc text-xs text-slate-700">
            {c.changes.map((f) => (
              <li key={f.field}>
                {fieldLabel(f.field)}: {value(f.field, f.before, before)} → {value(f.field, f.after, after)}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
