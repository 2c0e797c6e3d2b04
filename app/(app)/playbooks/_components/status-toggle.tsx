"use client";

import { ActionButton } from "@/components/ui/action-button";
import { setStatusAction } from "../actions";

/** Activate a paused/draft playbook (once published), pause an active one, archive one without runs under way. */
export function StatusToggle({
  archivable = false,
  ...props
}: {
  playbookId: string;
  name: string;
  status: string;
  published: boolean;
  /** The playbook's own page offers Archive; the list keeps to activate/pause. */
  archivable?: boolean;
}) {
  const { playbookId, name, status } = props;
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Toggle {...props} />
      {archivable && status === "archived" ? (
        // Stays after the Archive button is gone (the page re-renders without it), so the outcome is still announced.
        <span role="status" className="text-xs text-slate-600">
          {name} is archived: it starts no runs.
        </span>
      ) : null}
      {archivable && status !== "archived" ? (
        <ActionButton
          label="Archive"
          ariaLabel={`Archive ${name}`}
          confirm="Yes, archive it"
          warning="It stops starting runs; refused while runs are under way."
          variant="danger"
          done={`${name} is archived.`}
          action={setStatusAction.bind(null, { playbookId, status: "archived" })}
        />
      ) : null}
    </span>
  );
}

function Toggle({
  playbookId,
  name,
  status,
  published,
}: {
  playbookId: string;
  name: string;
  status: string;
  published: boolean;
}) {
  if (status === "active")
    return (
      <ActionButton
        label="Pause"
        ariaLabel={`Pause ${name}`}
        done={`${name} is paused.`}
        action={setStatusAction.bind(null, { playbookId, status: "paused" })}
      />
    );
  if (status === "archived" || !published) return null;
  return (
    <ActionButton
      label="Activate"
      ariaLabel={`Activate ${name}`}
      variant="primary"
      done={`${name} is active.`}
      action={setStatusAction.bind(null, { playbookId, status: "active" })}
    />
  );
}
