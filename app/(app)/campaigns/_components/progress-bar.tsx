import { Num } from "@/components/ui/when";
import type { Progress } from "@/lib/campaigns/progress";

const PARTS = [
  { key: "sent", label: "Sent", tone: "bg-emerald-500" },
  { key: "sending", label: "Handing over", tone: "bg-sky-500" },
  { key: "deferred", label: "Deferred (quiet hours)", tone: "bg-amber-400" },
  { key: "suppressed", label: "Suppressed", tone: "bg-slate-400" },
  { key: "failed", label: "Failed", tone: "bg-red-500" },
  { key: "cancelled", label: "Cancelled", tone: "bg-red-300" },
  { key: "queued", label: "Queued", tone: "bg-slate-200" },
] as const;

/** Where the frozen audience stands (the holdout apart: they get nothing by design). */
export function ProgressBar({ progress }: { progress: Progress }) {
  const total = Math.max(1, progress.total - progress.holdout);
  const done = progress.sent + progress.suppressed + progress.failed + progress.cancelled;
  return (
    <div className="space-y-3">
      <div
        role="progressbar"
        aria-label="Campaign progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        className="flex h-3 w-full overflow-hidden rounded-full bg-slate-100"
      >
        {PARTS.map((p) =>
          progress[p.key] ? (
            <div key={p.key} className={p.tone} style={{ width: `${(100 * progress[p.key]) / total}%` }} />
          ) : null,
        )}
      </div>
      <dl className="flex flex-wrap gap-x-6 gap-y-2 text-sm" data-testid="campaign-progress">
        {PARTS.map((p) => (
          <div key={p.key} className="flex items-center gap-1.5">
            <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 rounded-full ${p.tone}`} />
            <dt className="text-slate-600">{p.label}</dt>
            <dd className="font-medium tabular-nums" data-testid={`progress-${p.key}`}>
              <Num value={progress[p.key]} />
            </dd>
          </div>
        ))}
        {progress.holdout ? (
          <div className="flex items-center gap-1.5">
            <dt className="text-slate-600">Holdout</dt>
            <dd className="font-medium tabular-nums">
              <Num value={progress.holdout} />
            </dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}
