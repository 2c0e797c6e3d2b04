"use client";

import { ActionButton } from "@/components/ui/action-button";
import { setStatusAction } from "../actions";

/** Activate a paused/draft playbook (once published), or pause an active one. */
export function StatusToggle({
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
