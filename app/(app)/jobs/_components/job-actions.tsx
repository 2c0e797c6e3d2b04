"use client";

import { useState } from "react";
import { useActions } from "@/components/forms/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cancelRunAction, retryRunAction } from "../actions";

/** Cancel (with a confirmation: it cannot be undone) or retry a failed run from its failed step. */
export function RunActions({ runId, canCancel, canRetry }: { runId: string; canCancel: boolean; canRetry: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const { run, pending, error, done } = useActions();
  const act = (action: typeof cancelRunAction, text: string) =>
    void run(() => action({ runId }), { done: text }).then(() => setConfirming(false));
  if (!canCancel && !canRetry && !error && !done) return null;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {canRetry ? (
          <Button
            onClick={() => act(retryRunAction, "The run is queued again from its failed step.")}
            disabled={pending}
          >
            Retry from the failed step
          </Button>
        ) : null}
        {canCancel && !confirming ? (
          <Button variant="danger" onClick={() => setConfirming(true)} disabled={pending}>
            Cancel run
          </Button>
        ) : null}
        {confirming ? (
          <>
            <Button variant="danger" onClick={() => act(cancelRunAction, "The run is cancelled.")} disabled={pending}>
              Yes, cancel this run
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(false)} disabled={pending}>
              Keep it running
            </Button>
          </>
        ) : null}
      </div>
      <div aria-live="polite">
        {error ? <Alert tone="error">{error}</Alert> : done ? <Alert tone="success">{done}</Alert> : null}
      </div>
    </div>
  );
}
