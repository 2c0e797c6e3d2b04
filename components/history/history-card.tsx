"use client";

import { useFormat } from "@/components/providers/format-provider";
import { fieldChanges } from "@/lib/audit/view";

/** What a History card shows of one audit entry (serialisable from a server page or action). */
export type HistoryEntry = {
  id: string;
  createdAt: Date | string;
  actorName: string;
  actionLabel: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

/**
 * A record's audit entries (customer, lead, segment, playbook): who changed what, when, with the
 * changed fields. Only owners get entries (the page decides); the log page has the rest.
 */
export function HistoryCard({
  entries,
  logHref,
  title = "History",
}: {
  entries: HistoryEntry[];
  /** The audit log filtered to this record. */
  logHref?: string;
  title?: string;
}) {
  const format = useFormat();
  return (
    <section aria-labelledby="history-card-title" className="rounded-lg border border-slate-200 bg-white shadow-xs">
      <header className="flex items-center justify-between border-b border-slate-100 px-5 py-3">
        <h2 id="history-card-title" className="text-base font-semibold">
          {title}
        </h2>
        {logHref ? (
          <a href={logHref} className="text-sm font-medium text-brand-700 hover:underline">
            Open in the audit log
          </a>
        ) : null}
      </header>
      {entries.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-500">No recorded changes yet.</p>
      ) : (
        <ol className="divide-y divide-slate-100" data-testid="history-card">
          {entries.map((e) => {
            const changes = fieldChanges(e);
            return (
              <li key={e.id} className="px-5 py-3 text-sm">
                <p>
                  <span className="font-medium">{e.actorName}</span> · {e.actionLabel}
                </p>
                <p className="text-xs text-slate-500">
                  <time dateTime={new Date(e.createdAt).toISOString()}>{format.dateTime(e.createdAt)}</time>
                </p>
                {changes.length ? (
                  <ul className="mt-1 space-y-0.5 text-xs text-slate-700">
                    {changes.map((c) => (
                      <li key={c.field}>
                        <span className="font-mono">{c.field}</span>: {c.from} → {c.to}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
