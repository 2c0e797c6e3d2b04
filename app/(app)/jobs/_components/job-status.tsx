import type { RunStatus } from "@/db/schema/executor";

const TONES: Record<RunStatus, string> = {
  queued: "bg-slate-100 text-slate-700",
  running: "bg-sky-100 text-sky-800",
  sleeping: "bg-indigo-100 text-indigo-800",
  waiting: "bg-amber-100 text-amber-800",
  completed: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
  cancelled: "bg-slate-200 text-slate-600",
};

export const formatTime = (d: Date | string | null | undefined) =>
  d ? new Date(d).toISOString().replace("T", " ").slice(0, 19) + " UTC" : "—";

/** "sleeping until …", "waiting for crm/x until …", "retrying at …" or the plain status. */
export function RunStatusBadge({
  status,
  waitingFor,
}: {
  status: RunStatus;
  waitingFor: { kind: string; event?: string; until: string } | null;
}) {
  let detail = "";
  if (waitingFor && (status === "sleeping" || status === "waiting" || status === "queued")) {
    if (waitingFor.kind === "sleep") detail = ` until ${formatTime(waitingFor.until)}`;
    else if (waitingFor.kind === "event") detail = ` for ${waitingFor.event} until ${formatTime(waitingFor.until)}`;
    else detail = ` — retrying at ${formatTime(waitingFor.until)}`;
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-1 text-sm">
      <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${TONES[status]}`}>{status}</span>
      {detail ? <span className="text-xs text-slate-600">{detail.trim()}</span> : null}
    </span>
  );
}
