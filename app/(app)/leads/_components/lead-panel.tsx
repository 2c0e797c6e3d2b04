"use client";

import { useEffect, useRef, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { Stage } from "@/lib/leads/pipeline";
import type { Person } from "@/lib/leads/people";
import type { LeadDetail } from "@/lib/leads/detail";
import { unwrapAction } from "@/components/forms/action-feedback";
import { leadDetailAction } from "@/app/(app)/leads/actions";
import { Alert } from "@/components/ui/alert";
import { When } from "@/components/ui/when";
import { LeadForm } from "./lead-form";
import { ScoreWhy } from "./score-why";
import { LeadCustomer } from "./lead-customer";
import { LeadAuditHistory } from "./lead-audit-history";

export function LeadPanel({
  id,
  stages,
  owners,
  lostReasons,
  currency,
  canWrite,
  canLogCustomer,
  onClose,
  onChanged,
}: {
  id: string;
  stages: Stage[];
  owners: Person[];
  lostReasons: string[];
  currency: string;
  /** Whether the viewer's role may change leads at all (staff read them only). */
  canWrite: boolean;
  canLogCustomer: boolean;
  onClose: () => void;
  onChanged: () => void;
}) {
  const client = useQueryClient();
  const ref = useRef<HTMLDialogElement>(null);
  // Lives here, not in the form: saving refetches the lead, and the form remounts on its new updatedAt.
  const [saved, setSaved] = useState(false);
  const detail = useQuery({
    queryKey: ["lead", id],
    queryFn: () => unwrapAction(leadDetailAction({ id })),
  });
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      onCancel={onClose}
      aria-labelledby="lead-panel-title"
      className="fixed inset-y-0 right-0 left-auto m-0 h-full max-h-none w-full max-w-lg overflow-y-auto bg-white p-0 shadow-2xl backdrop:bg-slate-900/30"
    >
      <div className="flex items-center justify-between border-b border-slate-200 px-5 py-3">
        <h2 id="lead-panel-title" className="truncate text-lg font-semibold">
          {detail.data?.lead.title ?? "Lead"}
        </h2>
        <button
          type="button"
          onClick={onClose}
          className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100"
          aria-label="Close lead panel"
        >
          ✕
        </button>
      </div>
      <div className="space-y-6 px-5 py-4">
        {detail.isPending ? <p className="text-sm text-slate-500">Loading the lead…</p> : null}
        {detail.isError ? <Alert tone="error">{detail.error.message}</Alert> : null}
        {detail.data ? (
          <>
            <ScoreWhy breakdown={detail.data.breakdown} score={detail.data.lead.score} />
            {saved ? <Alert tone="success">Lead saved.</Alert> : null}
            <LeadForm
              key={detail.data.lead.updatedAt.toString()}
              detail={detail.data}
              stages={stages}
              owners={owners}
              lostReasons={lostReasons}
              canWrite={canWrite}
              onEdit={() => setSaved(false)}
              onSaved={() => {
                setSaved(true);
                void client.invalidateQueries({ queryKey: ["lead", id] });
                onChanged();
              }}
            />
            <LeadCustomer contact={detail.data.contact} canLog={canLogCustomer} />
            <History detail={detail.data} />
            <Activity detail={detail.data} />
            <LeadAuditHistory id={id} />
          </>
        ) : null}
        <p className="sr-only">Amounts are in {currency}.</p>
      </div>
    </dialog>
  );
}

function History({ detail }: { detail: LeadDetail }) {
  return (
    <section>
      <h3 className="text-sm font-semibold">Stage history</h3>
      {detail.history.length === 0 ? <p className="mt-1 text-sm text-slate-500">Not moved yet.</p> : null}
      <ol className="mt-2 space-y-1 text-sm" data-testid="stage-history">
        {detail.history.map((h) => (
          <li key={h.id}>
            {h.from ?? "?"} → <strong>{h.to ?? "?"}</strong>{" "}
            <span className="text-slate-500">
              by {h.actor ?? "automation"}, <When value={h.movedAt} />
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

const ACTIVITY_LABELS: Record<string, string> = {
  "lead.created": "Created",
  "lead.updated": "Edited",
  "lead.stage_changed": "Moved",
  "lead.assigned": "Assigned",
};

function Activity({ detail }: { detail: LeadDetail }) {
  return (
    <section>
      <h3 className="text-sm font-semibold">Activity</h3>
      <ol className="mt-2 space-y-1 text-sm">
        {detail.activity.map((a) => (
          <li key={a.id}>
            {ACTIVITY_LABELS[a.type] ?? a.type}
            {a.type === "lead.stage_changed" ? ` to ${String(a.data.to)}` : ""}{" "}
            <span className="text-slate-500">
              · {a.actor ?? "automation"} · <When value={a.occurredAt} />
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
