"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cancelRunAction, retryRunAction } from "../actions";

/** Cancel (with a confirmation: it cannot be undone) or retry a failed run from its failed step. */
export function RunActions({ runId, canCancel, canRetry }: { runId: string; canCancel: boolean; canRetry: boolean }) {
  const [pending, start] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const router = useRouter();
  const act = (action: typeof cancelRunAction, done: string) =>
    start(async () => {
      const result = await action(runId);
      setConfirming(false);
      setNotice(result.ok ? { tone: "success", text: done } : { tone: "error", text: result.error });
      router.refresh();
    });
  if (!canCancel && !canRetry && !notice) return null;
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
      <div aria-live="polite">{notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}</div>
    </div>
  );
}
