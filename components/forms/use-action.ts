"use client";

import { useCallback, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";
import type { FieldErrors } from "@/lib/errors";

export type ActionFeedback = { error: string | null; fieldErrors: FieldErrors };

const NONE: ActionFeedback = { error: null, fieldErrors: {} };

/**
 * Runs a server action made with defineAction and keeps what to show: field errors by field
 * (for inputs to show beside themselves), and one message otherwise. On success it refreshes the
 * page's server components unless told not to. Forms with react-hook-form use useServerForm,
 * which puts the same field errors on its fields.
 */
export function useAction<I, R>(
  action: (input: I) => Promise<ActionResult<R>>,
  options: { onSuccess?: (data: R) => void; refresh?: boolean } = {},
) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [feedback, setFeedback] = useState<ActionFeedback>(NONE);
  const { onSuccess, refresh = true } = options;

  const run = useCallback(
    (input: I) =>
      new Promise<ActionResult<R>>((resolve) =>
        startTransition(async () => {
          setFeedback(NONE);
          const result = await action(input);
          if (result.ok) {
            onSuccess?.(result.data);
            if (refresh) router.refresh();
          } else {
            setFeedback({ error: result.error, fieldErrors: result.fieldErrors ?? {} });
          }
          resolve(result);
        }),
      ),
    [action, onSuccess, refresh, router],
  );

  return {
    run,
    pending,
    error: feedback.error,
    fieldErrors: feedback.fieldErrors,
    /** The message for one field, if the server named it. */
    fieldError: (name: string): string | undefined => feedback.fieldErrors[name],
    reset: () => setFeedback(NONE),
  };
}

/** One line a person can read for a failed result: the field problems if any, else the message. */
export function describeActionError(result: { error: string; fieldErrors?: FieldErrors }): string {
  const problems = Object.values(result.fieldErrors ?? {});
  return problems.length ? problems.join(" ") : result.error;
}
