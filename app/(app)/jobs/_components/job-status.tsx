import type { ReactNode } from "react";
import type { RunStatus } from "@/db/schema/executor";
import { When } from "@/components/ui/when";

const TONES: Record<RunStatus, string> = {
  queued: "bg-slate-100 text-slate-700",
  running: "bg-sky-100 text-sky-800",
  sleeping: "bg-indigo-100 text-indigo-800",
  waiting: "bg-amber-100 text-amber-800",
  completed: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
  cancelled: "bg-slate-200 text-slate-600",
};

/** "sleeping until …", "waiting for crm/x until …", "retrying at …" or the plain status. */
export function RunStatusBadge({
  status,
  waitingFor,
}: {
  status: RunStatus;
  waitingFor: { kind: string; event?: string; until: string } | null;
}) {
  let detail: ReactNode = null;
  if (waitingFor && (status === "sleeping" || status === "waiting" || status === "queued")) {
    const until = <When value={waitingFor.until} />;
    if (waitingFor.kind === "sleep") detail = <>until {until}</>;
    else if (waitingFor.kind === "event")
      detail = (
        <>
          for {waitingFor.event} until {until}
        </>
      );
    else detail = <>retrying at {until}</>;
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-1 text-sm">
      <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${TONES[status]}`}>{status}</span>
      {detail ? <span className="text-xs text-slate-600">{detail}</span> : null}
    </span>
  );
}
