import Link from "next/link";
import { StatusBadge } from "@/components/playbooks/status-badge";
import { ActionButton } from "@/components/ui/action-button";
import { When } from "@/components/ui/when";
import { cancelPlaybookRunAction } from "@/app/(app)/playbooks/actions";

type Run = {
  id: string;
  status: string;
  startedAt: Date;
  endedAt: Date | null;
  endReason: string | null;
  convertedAt: Date | null;
  playbookId: string;
  playbookName: string;
};

/** The customer's playbook runs, active first; owners can cancel an active one from here. */
export function PlaybookRuns({ runs, canCancel }: { runs: Run[]; canCancel: boolean }) {
  if (runs.length === 0) return <p className="text-sm text-slate-500">Not in any playbook.</p>;
  return (
    <ul aria-label="Playbook runs" className="divide-y divide-slate-100">
      {runs.map((r) => (
        <li key={r.id} className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm">
          <div className="space-y-0.5">
            <p className="flex flex-wrap items-center gap-2">
              <Link href={`/playbooks/${r.playbookId}`} className="font-medium text-brand-700 hover:underline">
                {r.playbookName}
              </Link>
              <StatusBadge status={r.status} />
            </p>
            <p className="text-xs text-slate-600">
              Started <When value={r.startedAt} />
              {r.endedAt ? (
                <>
                  {" · ended "}
                  <When value={r.endedAt} />
                  {r.convertedAt ? " — converted" : r.endReason ? ` — ${r.endReason}` : ""}
                </>
              ) : null}
              {" · "}
              <Link
                href={`/playbooks/runs/${r.id}`}
                className="text-brand-700 hover:underline"
                aria-label={`Run of ${r.playbookName}`}
              >
                View run
              </Link>
            </p>
          </div>
          {canCancel && r.status === "active" ? (
            <ActionButton
              label="Cancel run"
              ariaLabel={`Cancel run of ${r.playbookName}`}
              variant="danger"
              warning="A cancelled run cannot be resumed."
              confirm="Yes, cancel this run"
              pendingLabel="Cancelling…"
              done="The run is cancelled: nothing more will be sent."
              action={cancelPlaybookRunAction.bind(null, { runId: r.id })}
            />
          ) : null}
        </li>
      ))}
    </ul>
  );
}
