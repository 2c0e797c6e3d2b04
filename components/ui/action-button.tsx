"use client";

import { useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";

/**
 * One server action behind a button, with an optional confirmation step (and what to warn about
 * there) and the outcome announced. Asking moves focus to "Keep it": the button pressed is gone.
 */
export function ActionButton({
  label,
  ariaLabel,
  pendingLabel,
  done,
  confirm,
  warning,
  variant = "secondary",
  action,
}: {
  label: string;
  ariaLabel?: string;
  pendingLabel?: string;
  done: string;
  confirm?: string;
  warning?: string;
  variant?: "primary" | "secondary" | "danger";
  action: () => Promise<ActionResult<unknown>>;
}) {
  const [asking, setAsking] = useState(false);
  const act = useAction(action, { done });
  const { pending, error } = act;
  const run = () => void act.run(undefined).then(() => setAsking(false));
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {asking ? (
        <>
          {warning ? <span className="text-xs text-slate-700">{warning}</span> : null}
          <Button variant={variant} onClick={run} disabled={pending}>
            {pending ? (pendingLabel ?? "Working…") : confirm}
          </Button>
          <Button variant="secondary" onClick={() => setAsking(false)} disabled={pending} autoFocus>
            Keep it
          </Button>
        </>
      ) : (
        <Button
          variant={variant}
          aria-label={ariaLabel}
          onClick={() => (confirm ? setAsking(true) : run())}
          disabled={pending}
        >
          {pending ? (pendingLabel ?? "Working…") : label}
        </Button>
      )}
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : act.done ? (
        <span role="status" className="text-xs text-emerald-700">
          {act.done}
        </span>
      ) : null}
    </span>
  );
}
