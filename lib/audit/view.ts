/**
 * How an audit entry reads, shared by the log page, its CSV and the History cards. Client-safe:
 * no database code.
 */
export type AuditEntryLike = {
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

export type FieldChange = { field: string; from: string; to: string };

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** "role: rep → staff" for every field in before or after. */
export function fieldChanges(entry: AuditEntryLike): FieldChange[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.map((field) => ({
    field,
    from: entry.before ? show(before[field]) : "—",
    to: entry.after ? show(after[field]) : "—",
  }));
}

/** One line for the CSV and screen readers: "role: rep → staff; active: true → false". */
export function changeSummary(entry: AuditEntryLike): string {
  return fieldChanges(entry)
    .map((c) => `${c.field}: ${c.from} → ${c.to}`)
    .join("; ");
}

/** Where the log links a target to (records that have a page of their own). */
export function targetHref(targetType: string, targetId: string | null): string | null {
  if (!targetId) return null;
  switch (targetType) {
    case "customer":
      return `/customers/${targetId}`;
    case "segment":
      return `/segments/${targetId}`;
    case "playbook":
      return `/playbooks/${targetId}`;
    case "lead":
      return `/leads?lead=${targetId}`;
    default:
      return null;
  }
}
