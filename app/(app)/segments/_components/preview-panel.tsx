"use client";

import Link from "next/link";
import { useFormat } from "@/components/providers/format-provider";
import type { SampleMember } from "@/lib/segments/query";
import { LIFECYCLE_LABELS, type LifecycleStage } from "@/lib/customers/lifecycle";

/** The live count and the first 20 members, each linking to their profile and able to explain itself. */
export function PreviewPanel({
  count,
  sample,
  pending,
  problem,
  onExplain,
}: {
  count: number | null;
  sample: SampleMember[];
  pending: boolean;
  problem?: string;
  onExplain: (id: string) => void;
}) {
  const format = useFormat();
  return (
    <section aria-labelledby="preview-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="preview-title" className="text-sm font-semibold text-slate-700">
        Matching customers
      </h2>
      <p
        className={`mt-1 text-3xl font-semibold ${pending || problem ? "text-slate-500" : ""}`}
        aria-live="polite"
        data-testid="segment-count"
      >
        {count === null ? "—" : format.number(count)}
      </p>
      <p className="h-4 text-xs text-slate-500">{pending ? "Counting…" : problem ? problem : ""}</p>
      {sample.length ? (
        <ul className="mt-3 divide-y divide-slate-100 text-sm" aria-label="Sample of members">
          {sample.map((m) => (
            <li key={m.id} className="flex items-center justify-between gap-2 py-1.5">
              <span className="min-w-0">
                <Link href={`/customers/${m.id}`} className="font-medium text-brand-700 hover:underline">
                  {m.name || "(no name)"}
                </Link>
                <span className="ml-2 text-xs text-slate-500">
                  {LIFECYCLE_LABELS[m.lifecycleStage as LifecycleStage] ?? m.lifecycleStage}
                </span>
              </span>
              <button
                type="button"
                className="text-xs text-slate-600 hover:underline"
                onClick={() => onExplain(m.id)}
                aria-label={`Why is ${m.name} in?`}
              >
                Why?
              </button>
            </li>
          ))}
        </ul>
      ) : count === 0 ? (
        <p className="mt-3 text-sm text-slate-500">No customer matches these conditions yet.</p>
      ) : null}
      {count !== null && count > sample.length && sample.length ? (
        <p className="mt-2 text-xs text-slate-500">Showing the first {sample.length} by name.</p>
      ) : null}
    </section>
  );
}
