import type { ScoreBreakdown } from "@/lib/leads/scoring";

/** "Why 78?": every factor and the points it contributed. */
export function ScoreWhy({ breakdown, score }: { breakdown: ScoreBreakdown | null; score: number }) {
  return (
    <details className="rounded-md border border-slate-200 p-3 text-sm" open>
      <summary className="cursor-pointer font-semibold">Why {score}?</summary>
      {!breakdown || breakdown.factors.length === 0 ? (
        <p className="mt-2 text-slate-500">No fit rule matches and no engagement yet, so the score is {score}.</p>
      ) : (
        <ul className="mt-2 space-y-1" data-testid="score-factors">
          {breakdown.factors.map((f, i) => (
            <li key={i} className="flex justify-between gap-3">
              <span>
                <span className="text-xs uppercase text-slate-500">{f.kind}</span> {f.label}
              </span>
              <span className="font-medium tabular-nums">
                {f.points > 0 ? "+" : ""}
                {f.points}
              </span>
            </li>
          ))}
        </ul>
      )}
      {breakdown ? (
        <p className="mt-2 text-xs text-slate-500">
          Fit {breakdown.fit}/100 and engagement {breakdown.engagement}/100, weighted; rounded and kept within 0–100.
        </p>
      ) : null}
    </details>
  );
}
