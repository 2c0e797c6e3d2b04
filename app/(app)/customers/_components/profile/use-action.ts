"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";

/** Runs a server action, refreshes the page on success, and keeps the error to show. */
export function useAction() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (action: () => Promise<ActionResult<unknown>>, onDone?: () => void) =>
    startTransition(async () => {
      setError(null);
      const result = await action();
      if (!result.ok) {
        setError(result.fieldErrors ? Object.values(result.fieldErrors).join(" ") : result.error);
        return;
      }
      onDone?.();
      router.refresh();
    });
  return { run, error, pending };
}
