/** A headline number, with the previous period beside it when the page compares. */
export function Stat({
  label,
  value,
  previous,
  hint,
  testId,
}: {
  label: string;
  value: string;
  previous?: string | null;
  hint?: string;
  testId?: string;
}) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid={testId}>
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
      {previous !== undefined && previous !== null ? (
        <dd className="mt-0.5 text-xs text-slate-500">Previous period: {previous}</dd>
      ) : null}
      {hint ? <dd className="mt-0.5 text-xs text-slate-500">{hint}</dd> : null}
    </div>
  );
}
