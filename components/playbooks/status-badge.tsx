const TONES: Record<string, string> = {
  active: "bg-emerald-100 text-emerald-800",
  draft: "bg-slate-100 text-slate-700",
  paused: "bg-amber-100 text-amber-800",
  archived: "bg-slate-200 text-slate-600",
  completed: "bg-emerald-100 text-emerald-800",
  cancelled: "bg-slate-200 text-slate-600",
  failed: "bg-red-100 text-red-800",
  done: "bg-emerald-100 text-emerald-800",
  deferred: "bg-indigo-100 text-indigo-800",
  waiting: "bg-amber-100 text-amber-800",
  skipped: "bg-slate-100 text-slate-700",
  sent: "bg-emerald-100 text-emerald-800",
  suppressed: "bg-red-100 text-red-800",
  waited: "bg-indigo-100 text-indigo-800",
  branch: "bg-sky-100 text-sky-800",
  action: "bg-slate-100 text-slate-700",
  exit: "bg-slate-200 text-slate-600",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${TONES[status] ?? "bg-slate-100 text-slate-700"}`}>
      {status}
    </span>
  );
}
