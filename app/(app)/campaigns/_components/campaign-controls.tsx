"use client";

import { ActionButton } from "@/components/ui/action-button";
import { controlCampaignAction, deleteCampaignAction, sendCampaignTestAction } from "../actions";

/** Pause, resume and cancel at any phase (owners; the page shows nothing to others). */
export function CampaignControls({ id, name, status }: { id: string; name: string; status: string }) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      {status === "sending" || status === "scheduled" ? (
        <ActionButton
          label="Pause"
          ariaLabel={`Pause ${name}`}
          done={`${name} is paused.`}
          action={controlCampaignAction.bind(null, { id, move: "pause" })}
        />
      ) : null}
      {status === "paused" ? (
        <ActionButton
          label="Resume"
          variant="primary"
          ariaLabel={`Resume ${name}`}
          done={`${name} goes on.`}
          action={controlCampaignAction.bind(null, { id, move: "resume" })}
        />
      ) : null}
      {["scheduled", "sending", "paused"].includes(status) ? (
        <ActionButton
          label="Cancel campaign"
          confirm="Cancel it"
          warning="Nobody who has not been handed the email yet will get it."
          variant="danger"
          done={`${name} is cancelled.`}
          action={controlCampaignAction.bind(null, { id, move: "cancel" })}
        />
      ) : null}
    </div>
  );
}

export function TestSendButton({ id, variant }: { id: string; variant?: string }) {
  return (
    <ActionButton
      label={variant ? `Send me a test of variant ${variant}` : "Send me a test"}
      done="A test is on its way to your address."
      action={sendCampaignTestAction.bind(null, { id, variant })}
    />
  );
}

export function DeleteDraftButton({ id }: { id: string }) {
  return (
    <ActionButton
      label="Delete draft"
      confirm="Delete it"
      variant="danger"
      done="Deleted."
      action={deleteCampaignAction.bind(null, { id })}
    />
  );
}
