"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";
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
  const router = useRouter();
  const [pending, start] = useTransition();
  const [asking, setAsking] = useState(false);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const run = () =>
    start(async () => {
      const r = await action();
      setAsking(false);
      setNotice(r.ok ? { ok: true, text: done } : { ok: false, text: r.error });
      router.refresh();
    });
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
      {notice ? (
        <span
          role={notice.ok ? "status" : "alert"}
          className={`text-xs ${notice.ok ? "text-emerald-700" : "text-red-700"}`}
        >
          {notice.text}
        </span>
      ) : null}
    </span>
  );
}
