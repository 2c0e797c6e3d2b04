"use client";

import { useFormat } from "@/components/providers/format-provider";
import { fieldChanges, targetHref } from "@/lib/audit/view";

export type AuditRow = {
  id: string;
  createdAt: Date | string;
  actorName: string;
  actorKind: string;
  actionLabel: string;
  targetType: string;
  targetId: string | null;
  targetLabel: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  data: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
};

export function AuditTable({ entries, filtered }: { entries: AuditRow[]; filtered: boolean }) {
  const format = useFormat();
  if (entries.length === 0)
    return (
      <p className="py-8 text-center text-sm text-slate-500" data-testid="audit-empty">
        {filtered
          ? "No entries match these filters. Widen the dates or clear a filter."
          : "Nothing recorded yet. Changes to the team, settings, customers, segments and playbooks will appear here."}
      </p>
    );
  return (
    <div className="table-frame">
      <table aria-label="Audit log entries" className="w-full min-w-[48rem] text-left text-sm">
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-3">
              When
            </th>
            <th scope="col" className="py-2 pr-3">
              Who
            </th>
            <th scope="col" className="py-2 pr-3">
              Action
            </th>
            <th scope="col" className="py-2 pr-3">
              Record
            </th>
            <th scope="col" className="py-2">
              Changes
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((e) => {
            const href = targetHref(e.targetType, e.targetId);
            const label = e.targetLabel || (e.targetId ? `${e.targetType} ${e.targetId.slice(0, 8)}` : e.targetType);
            const changes = fieldChanges(e);
            const extra = Object.entries(e.data ?? {});
            return (
              <tr key={e.id} className="align-top" data-testid="audit-row">
                <td className="whitespace-nowrap py-2 pr-3">
                  <time dateTime={new Date(e.createdAt).toISOString()}>{format.dateTime(e.createdAt)}</time>
                </td>
                <td className="py-2 pr-3">
                  {e.actorName}
                  {e.actorKind !== "user" ? (
                    <span className="ml-1 rounded bg-slate-100 px-1 text-xs text-slate-600">
                      {e.actorKind === "system" ? "system" : "API"}
                    </span>
                  ) : null}
                </td>
                <td className="py-2 pr-3">{e.actionLabel}</td>
                <td className="py-2 pr-3">
                  {href ? (
                    <a href={href} className="text-brand-700 hover:underline">
                      {label}
                    </a>
                  ) : (
                    label
                  )}
                </td>
                <td className="py-2">
                  {changes.length ? (
                    <ul className="space-y-0.5 text-xs">
                      {changes.map((c) => (
                        <li key={c.field}>
                          <span className="font-mono">{c.field}</span>: <span className="text-slate-500">{c.from}</span>{" "}
                          → {c.to}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {extra.length || e.ip || e.userAgent ? (
                    <details className="mt-1 text-xs text-slate-600">
                      <summary className="cursor-pointer">Details</summary>
                      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2">
                        {extra.map(([k, v]) => (
                          <div key={k} className="contents">
                            <dt className="font-mono">{k}</dt>
                            <dd className="break-all">{typeof v === "string" ? v : JSON.stringify(v)}</dd>
                          </div>
                        ))}
                        {e.ip ? (
                          <div className="contents">
                            <dt>IP</dt>
                            <dd>{e.ip}</dd>
                          </div>
                        ) : null}
                        {e.userAgent ? (
                          <div className="contents">
                            <dt>Browser</dt>
                            <dd className="break-all">{e.userAgent}</dd>
                          </div>
                        ) : null}
                      </dl>
                    </details>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
